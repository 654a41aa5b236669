import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, MigrationExecutor } from 'typeorm';

/** Any 64-bit number, the same in every replica: they take turns at migrating. */
const MIGRATIONS_LOCK_KEY = 7_346_201_993;
const RETRY_DELAY_MS = 1_000;

/**
 * Applies pending migrations once the app is up, retrying until the database lets it, and holds the
 * startup probe (and so readiness) at 503 until they are applied: no replica serves a schema it
 * does not know. On PostgreSQL an advisory lock keeps replicas that start together from migrating
 * at the same time.
 */
@Injectable()
export class MigrationsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MigrationsRunner.name);
  private applied = false;
  private lastError?: unknown;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    void this.runUntilApplied();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  @HealthCheck({ name: 'migrations', probe: 'startup', ttl: 0, timeout: 1_000 })
  async migrationsApplied() {
    if (this.applied) return { applied: this.dataSource.migrations.length };
    if (this.lastError) throw this.lastError;
    throw new Error('migrations are still running');
  }

  private async runUntilApplied(): Promise<void> {
    while (!this.applied && !this.stopped) {
      try {
        const ran = await this.runWithLock();
        this.applied = true;
        this.logger.log(`schema up to date (${ran.length} migration(s) applied now)`);
      } catch (error) {
        this.lastError = error;
        this.logger.warn(`migrations failed, retrying in ${RETRY_DELAY_MS} ms: ${String(error)}`);
        await sleep(RETRY_DELAY_MS);
      }
    }
  }

  private async runWithLock() {
    if (this.dataSource.options.type !== 'postgres') {
      return this.dataSource.runMigrations({ transaction: 'all' });
    }
    const lock = this.dataSource.createQueryRunner();
    try {
      // Neither waiting for another replica's migrations nor a long migration is a slow request.
      await lock.query('SET statement_timeout = 0');
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_KEY]);
      // On the connection holding the lock: with DATABASE_POOL_SIZE=1 a second one never comes.
      const executor = new MigrationExecutor(this.dataSource, lock);
      executor.transaction = 'all';
      return await executor.executePendingMigrations();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_KEY]).catch(() => {});
      await lock.query('RESET statement_timeout').catch(() => {});
      await lock.release();
    }
  }
}
