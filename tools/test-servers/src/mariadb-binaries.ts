import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, delimiter, join } from 'node:path';
import { forgetGroup, killGroupOnExit } from './exit-reaper';
import { sendSignal } from './process-table';

// Debian installs mariadbd in /usr/sbin, which a non-root user's PATH may lack.
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin'];
const INSTALL_WITHIN_MS = 60_000;

/** The path of MariaDB program `name` (`mariadbd`, `mariadb-install-db`): on PATH or in an sbin dir. */
export function findMariaDbProgram(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  const found = dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) {
    throw new Error(`No MariaDB server binary ${name} found: run .ci/install-servers first.`);
  }
  return found;
}

/** mariadbd refuses to run as root unless told to: as root, `--user=root`. */
export function mariaDbUserOptions(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

/**
 * Creates the system tables in `dataDir` (`mariadb-install-db`, run in the data dir's parent):
 * `root` without a password at localhost, 127.0.0.1 and ::1, no `test` database nor anonymous
 * users, no host name lookup. `serverOptions` go to the bootstrapping mariadbd; `initSqlFile` runs
 * last. The script leads a process group of its own, which is SIGKILLed on a timeout or should the
 * test process exit first: killing the script alone would leave its bootstrapping mariadbd.
 */
export async function initMariaDbDataDir(
  dataDir: string,
  serverOptions: readonly string[],
  initSqlFile: string,
): Promise<void> {
  const args = [
    '--no-defaults', // must come first
    `--datadir=${dataDir}`,
    ...['--auth-root-authentication-method=normal', '--skip-test-db'],
    '--force', // DNS may be slow or broken: no lookup of the host name
    `--extra-file=${initSqlFile}`,
    ...mariaDbUserOptions(),
    ...serverOptions,
  ];
  const { code, signal, output } = await runInOwnGroup(
    findMariaDbProgram('mariadb-install-db'),
    args,
    dirname(dataDir),
  );
  if (code !== 0) {
    const reason = signal ? `timed out after ${INSTALL_WITHIN_MS} ms` : `exit code ${code}`;
    throw new Error(`mariadb-install-db failed: ${reason}\n${output}`);
  }
}

/** Runs `command` as the leader of a new process group; SIGKILLs the group on a timeout. */
function runInOwnGroup(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.once('error', reject); // not started (ENOENT): no pid, no 'close'
    const pgid = child.pid;
    if (pgid === undefined) return;
    killGroupOnExit(pgid);
    const timer = setTimeout(() => sendSignal(-pgid, 'SIGKILL'), INSTALL_WITHIN_MS);
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    // 'close': the script has exited and its bootstrapping mariadbd has let go of its stderr.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      forgetGroup(pgid);
      resolve({ code, signal, output });
    });
  });
}
