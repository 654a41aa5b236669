import { type Cluster, type Redis } from 'ioredis';
import { degraded, down } from '../results/health-status';
import { type ReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { PING_SLOW } from '../ready-made/ready-made.messages';
import { roundToTenth } from '../utils/round-to-tenth.util';
import { SingleOutstandingCall } from '../utils/single-outstanding-call.util';
import { type ResolvedIoRedisHealthOptions } from './ioredis-health-options.interface';
import { IOREDIS_NOT_READY } from './ioredis.messages';
import { parseRedisInfo, type RedisInfoFigures } from './redis-info.util';

/**
 * Checks the app's own ioredis client. A client that is not `ready` (connecting, reconnecting,
 * closed) is down at once: a command would sit in its offline queue for as long as its retries
 * last. A ready client gets one `PING` (with `INFO` in the same round trip), never two at a time.
 *
 * @internal
 */
export class IoRedisHealthCheck implements ReadyMadeCheck {
  private readonly outstanding = new SingleOutstandingCall('PING');

  constructor(
    private readonly options: ResolvedIoRedisHealthOptions,
    private readonly client: Redis | Cluster,
  ) {}

  async check(): Promise<unknown> {
    const { status } = this.client;
    if (status !== 'ready') return down(IOREDIS_NOT_READY(status));
    const startedAt = performance.now();
    const info = await this.outstanding.run(() => this.ping());
    const latencyMs = roundToTenth(performance.now() - startedAt);
    const details = { latencyMs, ...info };
    const { degradedAboveMs } = this.options;
    if (degradedAboveMs !== undefined && latencyMs > degradedAboveMs) {
      return degraded(PING_SLOW(latencyMs, degradedAboveMs), details);
    }
    return details;
  }

  private async ping(): Promise<RedisInfoFigures & { nodes?: number }> {
    const client = this.client;
    if (isCluster(client)) {
      await client.ping();
      return { nodes: client.nodes('all').length };
    }
    if (!this.options.info) {
      await client.ping();
      return {};
    }
    // Written back to back on one connection: one round trip.
    const [, memory, replication] = await Promise.all([
      client.ping(),
      client.info('memory'),
      client.info('replication'),
    ]);
    return parseRedisInfo(`${memory}\n${replication}`);
  }
}

function isCluster(client: Redis | Cluster): client is Cluster {
  return (client as Cluster).isCluster === true;
}
