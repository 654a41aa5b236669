/** @internal */
export const TYPEORM_NOT_INITIALIZED = 'the DataSource is not initialized';

/** @internal */
export const POOL_SATURATED = (
  pool: { size: number; idle: number; waiting: number; max: number },
  pinged: boolean,
) =>
  `connection pool saturated: ${pool.size - pool.idle}/${pool.max} in use, ${pool.waiting} waiting; ${pinged ? 'the database answered over a side connection' : 'database not pinged (sideConnection: false)'}`;
