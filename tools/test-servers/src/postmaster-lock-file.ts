import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** `postmaster.pid`: line 1 the postmaster's pid, line 7 "<shm key> <shm id>". */
function readLockFile(dataDir: string): string[] | undefined {
  try {
    return readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined; // not written yet, or removed by a clean shutdown
  }
}

/** The running postmaster's pid, from its lock file. */
export function readPostmasterPid(dataDir: string): number | undefined {
  const pid = Number(readLockFile(dataDir)?.[0]);
  return pid > 0 ? pid : undefined;
}

/**
 * After a SIGKILL the lock files stay behind; a recycled pid in them would make postgres refuse to
 * start. Call only once no process of the cluster runs.
 */
export async function removeStaleLockFiles(dataDir: string, socketDir: string, port: number) {
  await rm(join(dataDir, 'postmaster.pid'), { force: true });
  await rm(join(socketDir, `.s.PGSQL.${port}.lock`), { force: true });
}

/**
 * A SIGKILLed postmaster leaves its small System V segment behind (`ipcs -m`); a restart reuses it,
 * but a destroyed cluster would leak it. Call only once no process of the cluster runs.
 */
export function releaseOrphanedSharedMemory(dataDir: string): void {
  const shmid = readLockFile(dataDir)?.[6]?.trim().split(/\s+/)[1];
  if (!shmid || !/^\d+$/.test(shmid)) return;
  try {
    execFileSync('ipcrm', ['-m', shmid], { stdio: 'ignore' });
  } catch {
    // already gone
  }
}
