import { onFreePort } from './free-port';
import { sendRedisCommand } from './redis-command';
import { makeTempDir, removeTempDir } from './temp-dir';
import { COUNT_TIMEOUT_MS, type ServerLaunch, ThrowawayServer } from './throwaway-server';

const HOST = '127.0.0.1';
const DEADLINES = { readyWithinMs: 10_000, stopWithinMs: 10_000, killWithinMs: 5_000 };

/**
 * A Redis server of its own for tests that stop, kill or freeze it: `redis-server` on a free
 * 127.0.0.1 port, without persistence, in a temp dir, leading its own process group.
 * Always `destroy()` it.
 */
export class ThrowawayRedis extends ThrowawayServer {
  private constructor(dir: string, port: number) {
    super(dir, port, 'Redis', DEADLINES);
  }

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

  /** Client connections open right now, not counting the one that asks. */
  async connectionCount(): Promise<number> {
    const info = await sendRedisCommand(this.port, 'INFO clients', COUNT_TIMEOUT_MS);
    const connected = /^connected_clients:(\d+)/m.exec(info);
    if (!connected) throw new Error(`No connected_clients in INFO clients:\n${info}`);
    return Number(connected[1]) - 1;
  }

  protected launchSpec(): ServerLaunch {
    return {
      command: 'redis-server',
      args: [
        ...['--port', String(this.port), '--bind', HOST, '--dir', this.dir],
        ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      ],
      logName: 'redis.log',
    };
  }

  protected answers(): Promise<boolean> {
    return sendRedisCommand(this.port, 'PING', 500).then(
      (reply) => reply === 'PONG',
      () => false,
    );
  }
}
