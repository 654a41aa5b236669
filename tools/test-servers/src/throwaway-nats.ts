import { findFreePort, onFreePort } from './free-port';
import { findServerProgram } from './server-program';
import { makeTempDir, removeTempDir } from './temp-dir';
import { exchangesOverTcp } from './tcp-exchange';
import { type ServerLaunch, ThrowawayServer } from './throwaway-server';

const HOST = '127.0.0.1';
const DEADLINES = { readyWithinMs: 10_000, stopWithinMs: 10_000, killWithinMs: 5_000 };

/**
 * A NATS server of its own for tests that stop, kill or freeze it: `nats-server` on a free
 * 127.0.0.1 port, with its HTTP monitoring endpoint on another (for the connection count), leading
 * its own process group in a temp dir. Always `destroy()` it.
 */
export class ThrowawayNats extends ThrowawayServer {
  private constructor(
    dir: string,
    port: number,
    /** The monitoring port (`/varz`, `/connz`), the same across restarts. */
    readonly monitorPort: number,
  ) {
    super(dir, port, 'NATS', DEADLINES);
  }

  /** Starts a server; resolves once it answers PING with PONG. */
  static async start(): Promise<ThrowawayNats> {
    const dir = await makeTempDir('throwaway-nats-');
    try {
      return await onFreePort(async (port) => {
        const nats = new ThrowawayNats(dir, port, await findFreePort());
        await nats.launch();
        return nats;
      });
    } catch (error) {
      await removeTempDir(dir);
      throw error;
    }
  }

  /** `nats://127.0.0.1:<port>`, for the `servers` option of a NATS client. */
  get url(): string {
    return `nats://${HOST}:${this.port}`;
  }

  /** Client connections the server counts right now (`connections` of `/varz`). */
  async connectionCount(): Promise<number> {
    const response = await fetch(`http://${HOST}:${this.monitorPort}/varz`, {
      signal: AbortSignal.timeout(2_000),
    });
    const { connections } = (await response.json()) as { connections: number };
    return connections;
  }

  protected launchSpec(): ServerLaunch {
    return {
      command: findServerProgram('nats-server'),
      args: [
        ...['--addr', HOST, '--port', String(this.port)],
        ...['--http_port', String(this.monitorPort)],
        ...['--pid', `${this.dir}/nats.pid`],
      ],
      logName: 'nats.log',
    };
  }

  protected answers(): Promise<boolean> {
    return exchangesOverTcp(
      this.port,
      'CONNECT {"verbose":false}\r\nPING\r\n',
      (received) => received.includes('PONG\r\n'),
      500,
    );
  }
}
