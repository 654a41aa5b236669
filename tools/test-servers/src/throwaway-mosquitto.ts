import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { establishedConnections } from './established-connections';
import { onFreePort } from './free-port';
import { findServerProgram } from './server-program';
import { makeTempDir, removeTempDir } from './temp-dir';
import { exchangesOverTcp } from './tcp-exchange';
import { type ServerLaunch, ThrowawayServer } from './throwaway-server';

const HOST = '127.0.0.1';
const DEADLINES = { readyWithinMs: 10_000, stopWithinMs: 10_000, killWithinMs: 5_000 };

// MQTT 3.1.1 CONNECT: protocol "MQTT" level 4, clean session, keepalive 60 s, empty client id.
const CONNECT = Buffer.from([
  0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00,
]);
const CONNACK_ACCEPTED = Buffer.from([0x20, 0x02, 0x00, 0x00]);

/**
 * A Mosquitto broker of its own for tests that stop, kill or freeze it: `mosquitto` with a config
 * file of its own (one listener on a free 127.0.0.1 port, anonymous clients, no persistence), in a
 * temp dir, leading its own process group. Always `destroy()` it.
 */
export class ThrowawayMosquitto extends ThrowawayServer {
  private constructor(dir: string, port: number) {
    super(dir, port, 'Mosquitto', DEADLINES);
  }

  /** Starts a broker; resolves once it accepts an MQTT CONNECT. */
  static async start(): Promise<ThrowawayMosquitto> {
    const dir = await makeTempDir('throwaway-mosquitto-');
    try {
      return await onFreePort(async (port) => {
        const mosquitto = new ThrowawayMosquitto(dir, port);
        await writeFile(mosquitto.configFile, mosquittoConfig(port));
        await mosquitto.launch();
        return mosquitto;
      });
    } catch (error) {
      await removeTempDir(dir);
      throw error;
    }
  }

  /** `mqtt://127.0.0.1:<port>`. */
  get url(): string {
    return `mqtt://${HOST}:${this.port}`;
  }

  /**
   * Client connections the broker holds open right now, from the kernel's socket table: exact at
   * once, where `$SYS/broker/clients/connected` lags by up to its `sys_interval`.
   */
  connectionCount(): Promise<number> {
    return establishedConnections(this.port);
  }

  protected launchSpec(): ServerLaunch {
    return {
      command: findServerProgram('mosquitto'),
      args: ['-c', this.configFile],
      logName: 'mosquitto.log',
    };
  }

  protected answers(): Promise<boolean> {
    return exchangesOverTcp(
      this.port,
      CONNECT,
      (received) => received.subarray(0, 4).equals(CONNACK_ACCEPTED),
      500,
    );
  }

  private get configFile(): string {
    return join(this.dir, 'mosquitto.conf');
  }
}

function mosquittoConfig(port: number): string {
  return [
    `listener ${port} ${HOST}`,
    'allow_anonymous true',
    'persistence false',
    'log_dest stdout',
    '',
  ].join('\n');
}
