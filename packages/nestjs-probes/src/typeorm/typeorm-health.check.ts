import { type OnModuleDestroy } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { degraded, down } from '../results/health-status';
import { type ReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { PING_SLOW } from '../ready-made/ready-made.messages';
import { roundToTenth } from '../utils/round-to-tenth.util';
import { SingleOutstandingCall } from '../utils/single-outstanding-call.util';
import { isSaturated, type PoolFigures, readPoolFigures } from './pool-figures.util';
import { pingQueryFor } from './ping-query.util';
import { SideConnection } from './side-connection.util';
import { POOL_SATURATED, TYPEORM_NOT_INITIALIZED } from './typeorm.messages';
import { type ResolvedTypeOrmHealthOptions } from './typeorm-health-options.interface';

/**
 * Pings the app's `DataSource` without competing with its users: through the pool while a
 * connection is free, over a connection of its own while the pool is saturated (degraded, with the
 * pool figures), and never more than one ping at a time on either path, so a frozen server cannot
 * make probes pile waiters onto the pool.
 *
 * @internal
 */
export class TypeOrmHealthCheck implements ReadyMadeCheck, OnModuleDestroy {
  private readonly poolPing = new SingleOutstandingCall('ping through the pool');
  private readonly sidePing = new SingleOutstandingCall('ping over the side connection');
  private readonly side: SideConnection;
  private readonly pingQuery: string;

  constructor(
    private readonly options: ResolvedTypeOrmHealthOptions,
    private readonly dataSource: DataSource,
  ) {
    this.side = new SideConnection(dataSource.options);
    this.pingQuery = pingQueryFor(dataSource.options.type);
  }

  async check(): Promise<unknown> {
    if (!this.dataSource.isInitialized) return down(TYPEORM_NOT_INITIALIZED);
    const pool = readPoolFigures(this.dataSource.driver);
    if (pool && isSaturated(pool)) return this.checkSaturated(pool);
    const latencyMs = await this.poolPing.run(() =>
      timed(() => this.dataSource.query(this.pingQuery)),
    );
    const details = pool ? { latencyMs, pool } : { latencyMs };
    const { degradedAboveMs } = this.options;
    if (degradedAboveMs !== undefined && latencyMs > degradedAboveMs) {
      return degraded(PING_SLOW(latencyMs, degradedAboveMs), details);
    }
    return details;
  }

  onModuleDestroy(): void {
    void this.side.close();
  }

  private async checkSaturated(pool: PoolFigures): Promise<unknown> {
    if (!this.options.sideConnection) return degraded(POOL_SATURATED(pool, false), { pool });
    const latencyMs = await this.sidePing.run(() => timed(() => this.side.query(this.pingQuery)));
    return degraded(POOL_SATURATED(pool, true), { latencyMs, pool });
  }
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await call();
  return roundToTenth(performance.now() - startedAt);
}
