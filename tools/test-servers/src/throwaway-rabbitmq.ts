import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { establishedConnections } from './established-connections';
import { findFreePort, isPortFree, onFreePort } from './free-port';
import { pollUntil } from './poll-until';
import {
  rabbitMqCtl,
  rabbitMqEnvironment,
  rabbitMqFiles,
  type RabbitMqNodeLayout,
  rabbitMqScript,
} from './rabbitmq-node';
import { ServerProcess } from './server-process';
import { makeTempDir, removeTempDir } from './temp-dir';
import { exchangesOverTcp } from './tcp-exchange';
import { type ServerLaunch, ThrowawayServer } from './throwaway-server';

const HOST = '127.0.0.1';
const DEADLINES = { readyWithinMs: 60_000, stopWithinMs: 30_000, killWithinMs: 10_000 };
const AMQP_0_9_1_HEADER = Buffer.from('AMQP\x00\x00\x09\x01', 'latin1');
const METHOD_FRAME = 1;

/**
 * A RabbitMQ node of its own for tests that stop, kill or freeze it: its own node name, config
 * (one listener on a free 127.0.0.1 port), mnesia, logs, cookie and distribution port in a temp
 * dir, and its own epmd on another free port (in a dir of its own, so the faults leave it running;
 * the node needs it to be named). Comes up in about 7 s (more under load). Always `destroy()` it:
 * that ends its epmd too.
 */
export class ThrowawayRabbitMq extends ThrowawayServer {
  private constructor(
    private readonly layout: RabbitMqNodeLayout,
    private readonly epmd: ServerProcess,
    private readonly epmdDir: string,
  ) {
    super(layout.dir, layout.amqpPort, 'RabbitMQ', DEADLINES);
  }

  /** Starts a node (and its epmd); resolves once it greets an AMQP client. */
  static async start(): Promise<ThrowawayRabbitMq> {
    const dir = await makeTempDir('throwaway-rabbitmq-');
    const epmdDir = await makeTempDir('throwaway-epmd-');
    let epmd: ServerProcess | undefined;
    try {
      const epmdPort = await findFreePort();
      epmd = await startEpmd(epmdDir, epmdPort);
      const started = epmd;
      return await onFreePort(async (amqpPort) => {
        const layout = {
          dir,
          nodeName: `throwaway-${amqpPort}@localhost`,
          amqpPort,
          distPort: await findFreePort(),
          epmdPort,
        };
        for (const [name, text] of Object.entries(rabbitMqFiles(layout))) {
          await writeFile(join(dir, name), text);
        }
        const rabbit = new ThrowawayRabbitMq(layout, started, epmdDir);
        await rabbit.launch();
        return rabbit;
      });
    } catch (error) {
      await epmd?.kill(DEADLINES.killWithinMs);
      await Promise.all([removeTempDir(dir), removeTempDir(epmdDir)]);
      throw error;
    }
  }

  /** `amqp://guest:guest@127.0.0.1:<port>`, for the `urls` of a RabbitMQ client. */
  get url(): string {
    return `amqp://guest:guest@${HOST}:${this.port}`;
  }

  /** The port of the node's own epmd, which `destroy()` ends too. */
  get epmdPort(): number {
    return this.layout.epmdPort;
  }

  /**
   * Client connections the node holds open right now, from the kernel's socket table: exact at
   * once and cheap, where `rabbitmqctl` takes a second or more and, on a loaded machine, was seen
   * to list a connection only some probes after the client used it.
   */
  connectionCount(): Promise<number> {
    return establishedConnections(this.port);
  }

  /** The AMQP connections the node itself lists (`rabbitmqctl list_connections`). */
  async listedConnections(): Promise<number> {
    const lines = await rabbitMqCtl(this.layout, ['list_connections', '--no-table-headers', 'pid']);
    return lines.length;
  }

  /** Kills the node, then its epmd, and removes both dirs. */
  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      await this.epmd.kill(DEADLINES.killWithinMs);
      await removeTempDir(this.epmdDir);
    }
  }

  protected launchSpec(): ServerLaunch {
    // `env` execs the script, which execs erl: the group leader is the node itself.
    const variables = Object.entries(rabbitMqEnvironment(this.layout))
      .filter(([name]) => /^(HOME|RABBITMQ_|ERL_)/.test(name))
      .map(([name, value]) => `${name}=${value}`);
    return {
      command: 'env',
      args: [...variables, rabbitMqScript('rabbitmq-server')],
      logName: 'rabbitmq.log',
    };
  }

  protected answers(): Promise<boolean> {
    return exchangesOverTcp(
      this.port,
      AMQP_0_9_1_HEADER,
      (received) => received.length >= 7 && received[0] === METHOD_FRAME,
      1_000,
    );
  }
}

/** An epmd in the foreground (in its own group and dir) on 127.0.0.1:`port`. */
async function startEpmd(dir: string, port: number): Promise<ServerProcess> {
  const epmd = ServerProcess.spawn('epmd', ['-port', String(port), '-address', HOST], {
    cwd: dir,
    logFile: join(dir, 'epmd.log'),
  });
  try {
    await pollUntil(
      async () => {
        if (!epmd.running) throw new Error(`epmd exited at start\n${epmd.logTail()}`);
        return !(await isPortFree(port));
      },
      { what: `epmd to listen on port ${port}`, timeoutMs: 10_000 },
    );
  } catch (error) {
    await epmd.kill(DEADLINES.killWithinMs);
    throw error;
  }
  return epmd;
}
