import { join } from 'node:path';
import { waitForFreePort } from './free-port';
import { ServerProcess } from './server-process';
import { removeTempDir } from './temp-dir';
import { waitUntilServing } from './wait-until-serving';

/** The program a throwaway server runs, and where it logs (a file in its temp dir). */
/**
 * How long counting a server's connections may take. Tests count on a running server, never a
 * frozen one, and on CI's loaded cores a setup query has taken longer than the 1 s the fault
 * probes use.
 */
export const COUNT_TIMEOUT_MS = 5_000;

export interface ServerLaunch {
  command: string;
  args: string[];
  logName: string;
}

/** How long each step may take before it fails the test. */
export interface ServerDeadlines {
  readyWithinMs: number;
  stopWithinMs: number;
  killWithinMs: number;
}

/**
 * What every throwaway server (PostgreSQL, Redis, MariaDB) does the same way: one `ServerProcess`
 * at a time in its own temp dir on a fixed port, and the faults the tests inject (stop, SIGKILL,
 * SIGSTOP/SIGCONT, restart on the same port). Subclasses say what to run and how to ask it.
 */
export abstract class ThrowawayServer {
  private server?: ServerProcess;

  protected constructor(
    /** The temp dir holding its data, socket and log. */
    readonly dir: string,
    /** The TCP port, the same across restarts. */
    readonly port: number,
    private readonly label: string,
    private readonly deadlines: ServerDeadlines,
  ) {}

  /** Client connections open right now, not counting the one that asks. */
  abstract connectionCount(): Promise<number>;

  protected abstract launchSpec(): ServerLaunch;

  /** Whether the server answers a trivial request right now. */
  protected abstract answers(): Promise<boolean>;

  /** Asks the server to shut down cleanly (SIGTERM unless overridden). */
  protected requestStop(server: ServerProcess): void {
    server.signal('SIGTERM');
  }

  /** Runs before a restart (stale lock files, say). */
  protected async beforeRestart(): Promise<void> {}

  /** Runs once the server is gone for good, before its dir is removed. */
  protected afterDestroy(): void {}

  /** Shuts it down cleanly and waits for it to exit. */
  async stop(): Promise<void> {
    const server = this.running();
    if (server.isFrozen) server.resume();
    this.requestStop(server);
    await server.waitForExit(this.deadlines.stopWithinMs);
  }

  /** SIGKILL to all its processes; resolves once they exited and the port is free. */
  async kill(): Promise<void> {
    await this.running().kill(this.deadlines.killWithinMs);
    await waitForFreePort(this.port, this.deadlines.killWithinMs);
  }

  /** SIGSTOP to all its processes: connections stay open but nothing answers. */
  freeze(): void {
    this.running().freeze();
  }

  /** SIGCONT after `freeze()`. */
  resume(): void {
    this.running().resume();
  }

  /** Serves again on the same port after `stop()` or `kill()`. */
  async restart(): Promise<void> {
    if (this.server?.running) {
      throw new Error(`${this.label}.restart(): stop() or kill() it first`);
    }
    await this.beforeRestart();
    await this.launch();
  }

  /** Leaves it serving, whatever a failed test left it in: resumed if frozen, restarted if down. */
  async ensureServing(): Promise<void> {
    if (this.server?.running) {
      if (this.server.isFrozen) this.server.resume();
      return;
    }
    await this.restart();
  }

  /** Kills whatever still runs (frozen or not) and removes its dir. */
  async destroy(): Promise<void> {
    await this.server?.kill(this.deadlines.killWithinMs);
    this.server = undefined;
    this.afterDestroy();
    await removeTempDir(this.dir);
  }

  protected async launch(): Promise<void> {
    const { command, args, logName } = this.launchSpec();
    const server = ServerProcess.spawn(command, args, {
      cwd: this.dir,
      logFile: join(this.dir, logName),
    });
    this.server = server;
    await waitUntilServing(server, {
      name: this.label,
      port: this.port,
      answers: () => this.answers(),
      timeoutMs: this.deadlines.readyWithinMs,
      killWithinMs: this.deadlines.killWithinMs,
    });
  }

  private running(): ServerProcess {
    if (!this.server?.running) throw new Error(`${this.label}: the server is not running`);
    return this.server;
  }
}
