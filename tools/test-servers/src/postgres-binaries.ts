import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const DEBIAN_VERSIONS_DIR = '/usr/lib/postgresql';
const INITDB_WITHIN_MS = 60_000;

/**
 * The directory holding `initdb` and `postgres`: `pg_config --bindir` when it has them, else the
 * newest `/usr/lib/postgresql/<version>/bin` (Debian keeps them off PATH).
 */
export function findPostgresBinDir(): string {
  const candidates = [pgConfigBinDir(), ...debianBinDirs()];
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'initdb')));
  if (!found) {
    throw new Error(
      'No PostgreSQL server binaries (initdb, postgres) found: run .ci/install-servers first.',
    );
  }
  return found;
}

/** PostgreSQL refuses to run as root: as root, run `command` as the `postgres` OS user. */
export function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** As root, makes `path` the `postgres` OS user's, so the server can write there. */
export function giveToPostgresUser(path: string): void {
  if (isRoot()) execFileSync('chown', ['postgres:postgres', path]);
}

/**
 * Creates a cluster in `dataDir` (whose parent the `postgres` OS user must own when root): trust
 * authentication, superuser `postgres`, UTF8, C locale, no fsync.
 */
export async function initPostgresCluster(binDir: string, dataDir: string): Promise<void> {
  const [command, args] = asPostgresUser(join(binDir, 'initdb'), [
    ...['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8'],
    ...['--no-locale', '--no-sync', '--no-instructions'],
  ]);
  try {
    await promisify(execFile)(command, args, { cwd: dirname(dataDir), timeout: INITDB_WITHIN_MS });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`initdb failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`, {
      cause: error,
    });
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function pgConfigBinDir(): string | undefined {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
}

function debianBinDirs(): string[] {
  if (!existsSync(DEBIAN_VERSIONS_DIR)) return [];
  return readdirSync(DEBIAN_VERSIONS_DIR)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(DEBIAN_VERSIONS_DIR, version, 'bin'));
}
