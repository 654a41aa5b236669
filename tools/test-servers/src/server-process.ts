import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { forgetGroup, killGroupOnExit } from './exit-reaper';
import { pollUntil } from './poll-until';
import { isInside, isStopped, runningProcesses, sendSignal } from './process-table';

const STOP_WITHIN_MS = 2_000;

/** Where a server runs and logs. */
export interface ServerSpawnOptions {
  /** The server's own temp dir: its working directory, and that of every process it forks. */
  cwd: string;
  /** stdout and stderr are appended here, across runs. */
  logFile: string;
}

/**
 * One run of a server program, leading its own process group (`detached`), SIGKILLed should the
 * test process exit first. Signals reach the group and every process still working in the
 * server's dir: PostgreSQL's children call setsid(), so the group alone would miss its backends.
 */
export class ServerProcess {
  private exited = false;
  private frozen = false;

  private constructor(
    private readonly child: ChildProcess,
    /** The group's id: the pid of the spawned program (which may be a wrapper such as runuser). */
    readonly pgid: number,
    private readonly dir: string,
    private readonly logFile: string,
    /** Where this run's output starts in the log. */
    private readonly logStart: number,
  ) {
    child.once('exit', () => (this.exited = true));
  }

  /** Spawns `command`; throws at once when it cannot be started. */
  static spawn(command: string, args: string[], options: ServerSpawnOptions): ServerProcess {
    const log = openSync(options.logFile, 'a');
    const logStart = statSync(options.logFile).size;
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        detached: true,
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    child.on('error', () => undefined); // a failed spawn shows as a missing pid, below
    if (child.pid === undefined) throw new Error(`Could not start ${command}: is it installed?`);
    killGroupOnExit(child.pid);
    // A forgotten server must not keep the test process alive: the exit reaper ends it.
    child.unref();
    return new ServerProcess(child, child.pid, options.cwd, options.logFile, logStart);
  }

  /** Whether the spawned program has not exited yet. */
  get running(): boolean {
    return !this.exited;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  /** Sends `signal` to every process of the server. */
  signal(signal: NodeJS.Signals): void {
    // The group first: a stopped or dead postmaster forks no new backend while we sweep.
    sendSignal(-this.pgid, signal);
    for (const member of this.members()) {
      if (member.pgid !== this.pgid) sendSignal(member.pid, signal);
    }
  }

  /** SIGSTOP: the server hangs, its sockets stay open. */
  freeze(): void {
    this.signal('SIGSTOP');
    this.frozen = true;
    this.waitUntilStopped();
  }

  /** SIGCONT after `freeze()`. */
  resume(): void {
    this.signal('SIGCONT');
    this.frozen = false;
  }

  /** SIGKILL to every process of the server, then waits until none runs. */
  async kill(timeoutMs: number): Promise<void> {
    if (this.frozen) this.resume();
    this.signal('SIGKILL');
    await this.waitForExit(timeoutMs);
  }

  /** Waits until the spawned program and every process it forked have exited. */
  async waitForExit(timeoutMs: number): Promise<void> {
    await pollUntil(() => this.exited && this.members().length === 0, {
      what: `${this.child.spawnfile} (process group ${this.pgid}) to exit`,
      timeoutMs,
      intervalMs: 10,
    });
    forgetGroup(this.pgid);
  }

  /** The last `lines` lines of the server's log, for error messages. */
  logTail(lines = 20): string {
    let log: string;
    try {
      log = readFileSync(this.logFile, 'utf8');
    } catch {
      return '(no server log)';
    }
    const tail = log.trimEnd().split('\n').slice(-lines).join('\n');
    return `Server log (${this.logFile}), last lines:\n${tail}`;
  }

  /** Whether this run's output matches `pattern`. */
  logSays(pattern: RegExp): boolean {
    try {
      return pattern.test(readFileSync(this.logFile).subarray(this.logStart).toString('utf8'));
    } catch {
      return false;
    }
  }

  /** Synchronous, so `freeze()` stays a plain call: spins (1 ms naps) until every thread stopped. */
  private waitUntilStopped(): void {
    const nap = new Int32Array(new SharedArrayBuffer(4));
    const deadline = performance.now() + STOP_WITHIN_MS;
    while (!this.members().every((member) => isStopped(member.pid))) {
      if (performance.now() > deadline) {
        throw new Error(
          `${this.child.spawnfile} did not stop within ${STOP_WITHIN_MS} ms of SIGSTOP`,
        );
      }
      Atomics.wait(nap, 0, 0, 1);
    }
  }

  private members() {
    return runningProcesses().filter(
      (process) => process.pgid === this.pgid || isInside(process.cwd, this.dir),
    );
  }
}
