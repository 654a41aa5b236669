import { join } from 'node:path';
import { onFreePort, waitForFreePort } from './free-port';
import { sendRedisCommand } from './redis-command';
import { ServerProcess } from './server-process';
import { makeTempDir, removeTempDir } from './temp-dir';
import { waitUntilServing } from './wait-until-serving';

const HOST = '127.0.0.1';
const READY_WITHIN_MS = 10_000;
const STOP_WITHIN_MS = 10_000;
const KILL_WITHIN_MS = 5_000;

/**
 * A Redis server of its own for tests that stop, kill or freeze it: `redis-server` on a free
 * 127.0.0.1 port, without persistence, in a temp dir, leading its own process group.
 * Always `destroy()` it.
 */
export class ThrowawayRedis {
  private server?: ServerProcess;

  private constructor(
    /** The temp dir holding its log. */
    readonly dir: string,
    /** The TCP port, the same across restarts. */
    readonly port: number,
  ) {}

  /** Starts a server; resolves once it answers PING. */
  static async start(): Promise<ThrowawayRedis> {
    const dir = await makeTempDir('throwaway-redis-');
    try {
      return await onFreePort(async (port) => {
        const redis = new ThrowawayRedis(dir, port);
        await redis.launch();
        return redis;
      });
    } catch (error) {
      await removeTempDir(dir);
      throw error;
    }
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://${HOST}:${this.port}`;
  }

  /** For `new Redis(...)` (ioredis). */
  get connectionOptions(): { host: string; port: number } {
    return { host: HOST, port: this.port };
  }

  /** SIGTERM: Redis closes its clients and exits (nothing to save). */
  async stop(): Promise<void> {
    const server = this.running();
    if (server.isFrozen) server.resume();
    server.signal('SIGTERM');
    await server.waitForExit(STOP_WITHIN_MS);
  }

  /** SIGKILL; resolves once it exited and the port is free. */
  async kill(): Promise<void> {
    await this.running().kill(KILL_WITHIN_MS);
    await waitForFreePort(this.port, KILL_WITHIN_MS);
  }

  /** SIGSTOP: connections stay open but nothing answers. */
  freeze(): void {
    this.running().freeze();
  }

  /** SIGCONT after `freeze()`. */
  resume(): void {
    this.running().resume();
  }

  /** Starts the server again on the same port after `stop()` or `kill()` (empty: no persistence). */
  async restart(): Promise<void> {
    if (this.server?.running)
      throw new Error('ThrowawayRedis.restart(): stop() or kill() it first');
    await this.launch();
  }

  /** Client connections open right now, not counting the one that asks. */
  async connectionCount(): Promise<number> {
    const info = await sendRedisCommand(this.port, 'INFO clients');
    const connected = /^connected_clients:(\d+)/m.exec(info);
    if (!connected) throw new Error(`No connected_clients in INFO clients:\n${info}`);
    return Number(connected[1]) - 1;
  }

  /** Kills whatever still runs (frozen or not) and removes its dir. */
  async destroy(): Promise<void> {
    await this.server?.kill(KILL_WITHIN_MS);
    this.server = undefined;
    await removeTempDir(this.dir);
  }

  private async launch(): Promise<void> {
    const server = ServerProcess.spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', HOST, '--dir', this.dir],
        ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      ],
      { cwd: this.dir, logFile: join(this.dir, 'redis.log') },
    );
    this.server = server;
    await waitUntilServing(server, {
      name: 'Redis',
      port: this.port,
      answers: () => this.answers(),
      timeoutMs: READY_WITHIN_MS,
      killWithinMs: KILL_WITHIN_MS,
    });
  }

  private answers(): Promise<boolean> {
    return sendRedisCommand(this.port, 'PING', 500).then(
      (reply) => reply === 'PONG',
      () => false,
    );
  }

  private running(): ServerProcess {
    if (!this.server?.running) throw new Error('ThrowawayRedis: the server is not running');
    return this.server;
  }
}
