/**
 * What a connection pool says about itself. `size` counts open connections, `idle` those free,
 * `waiting` the requests queued for one, `max` the pool's limit.
 *
 * @publicApi
 */
export interface PoolFigures {
  size: number;
  idle: number;
  waiting: number;
  max: number;
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

interface Mysql2Pool {
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
  config?: { connectionLimit?: number };
}

const PG_DEFAULT_MAX = 10;
const MYSQL2_DEFAULT_LIMIT = 10;

/**
 * Reads the figures of a TypeORM driver's pool: `pg` (PostgreSQL, CockroachDB) through its public
 * counters, `mysql2`/`mysql` (MySQL, MariaDB) through the queues it keeps. Undefined for other
 * drivers, for replication pools, and before the pool exists.
 *
 * @internal
 */
export function readPoolFigures(driver: unknown): PoolFigures | undefined {
  const { master, pool } = (driver ?? {}) as { master?: unknown; pool?: unknown };
  if (isPgPool(master)) {
    return {
      size: master.totalCount,
      idle: master.idleCount,
      waiting: master.waitingCount,
      max: master.options?.max ?? PG_DEFAULT_MAX,
    };
  }
  if (isMysql2Pool(pool)) {
    return {
      size: pool._allConnections.length,
      idle: pool._freeConnections.length,
      waiting: pool._connectionQueue.length,
      max: pool.config?.connectionLimit ?? MYSQL2_DEFAULT_LIMIT,
    };
  }
  return undefined;
}

/**
 * At its limit, with no idle connection left over for one more request: a health query would wait
 * behind users. (`pg` hands idle connections out on the next tick, so `waiting` briefly counts
 * requests that an idle connection is about to serve; below the limit, the pool grows instead.)
 */
export function isSaturated({ size, idle, waiting, max }: PoolFigures): boolean {
  return size >= max && waiting >= idle;
}

function isPgPool(value: unknown): value is PgPool {
  const pool = value as PgPool | undefined;
  return typeof pool?.totalCount === 'number' && typeof pool.waitingCount === 'number';
}

function isMysql2Pool(value: unknown): value is Mysql2Pool {
  const pool = value as Mysql2Pool | undefined;
  return typeof pool?._allConnections?.length === 'number' && !!pool._connectionQueue;
}
