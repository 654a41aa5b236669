import { rmSync } from 'node:fs';
import { isInside, runningProcesses, sendSignal } from './process-table';

interface Leftovers {
  groups: Set<number>;
  dirs: Set<string>;
}

/** Lives on the real `process`, so every test file of a Jest worker shares one set and one hook. */
const LEFTOVERS = Symbol.for('nestjs-probes:throwaway-server-leftovers');
const FATAL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Has process group `pgid` SIGKILLed should the test process exit while it may still run. */
export function killGroupOnExit(pgid: number): void {
  leftovers().groups.add(pgid);
}

/** The group is gone: forget it (its id may be reused). */
export function forgetGroup(pgid: number): void {
  leftovers().groups.delete(pgid);
}

/** Has `dir` removed should the test process exit before `forgetDir(dir)`. */
export function removeDirOnExit(dir: string): void {
  leftovers().dirs.add(dir);
}

export function forgetDir(dir: string): void {
  leftovers().dirs.delete(dir);
}

type HostProcess = NodeJS.Process & { [LEFTOVERS]?: Leftovers };

function leftovers(): Leftovers {
  const host = hostProcess();
  return (host[LEFTOVERS] ??= installReaper(host));
}

/**
 * `exit` covers crashes and `process.exit()`; the signals cover Jest ending a stuck worker
 * (SIGTERM, then SIGKILL 500 ms later, which nothing can cover) and Ctrl-C.
 */
function installReaper(host: HostProcess): Leftovers {
  const found: Leftovers = { groups: new Set(), dirs: new Set() };
  host.on('exit', () => reap(host, found));
  for (const signal of FATAL_SIGNALS) {
    const onSignal = (): void => {
      reap(host, found);
      host.off(signal, onSignal);
      // Listening replaced the default "die"; restore it unless someone else handles the signal.
      if (host.listenerCount(signal) === 0) host.kill(host.pid, signal);
    };
    host.on(signal, onSignal);
  }
  return found;
}

function reap(host: HostProcess, found: Leftovers): void {
  for (const pgid of found.groups) tryTo(() => sendSignal(-pgid, 'SIGKILL'));
  // PostgreSQL's children leave the group (setsid), but keep working in the server's dir.
  const strays = tryTo(runningProcesses) ?? [];
  for (const dir of found.dirs) {
    for (const stray of strays) {
      if (isInside(stray.cwd, dir) && stray.pid !== host.pid) {
        tryTo(() => sendSignal(stray.pid, 'SIGKILL'));
      }
    }
    tryTo(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  }
  found.groups.clear();
  found.dirs.clear();
}

/** Best effort: an exit hook must never turn an exit into a crash. */
function tryTo<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

/**
 * The real `process`. Jest hands each test file a copy on which Node never emits `exit` or
 * signals; a function built by the host realm's `Function` sees the real global.
 */
function hostProcess(): HostProcess {
  const HostFunction = setTimeout.constructor as FunctionConstructor;
  return new HostFunction('return process')() as HostProcess;
}
