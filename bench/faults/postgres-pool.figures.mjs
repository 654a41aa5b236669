import { round1 } from '../support/number.format.mjs';
import { sleep } from '../support/sleep.timing.mjs';
import { SETTINGS } from './settings.config.mjs';

/**
 * The pg pool's figures. With `pendingUserQueries` (user queries not finished yet), the waiters
 * are split into user queries and the rest, which can only be probes: user queries are the only
 * ones holding connections, so all but `poolSize` of the pending ones wait.
 */
export function poolFigures(dataSource, pendingUserQueries) {
  const pool = dataSource.driver.master;
  const figures = { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  if (pendingUserQueries === undefined) return figures;
  const userWaiting = Math.max(0, pendingUserQueries - SETTINGS.postgres.poolSize);
  return { ...figures, userWaiting, probeWaiting: figures.waiting - userWaiting };
}

/** Ms until nothing waits for a pool connection, or null when that takes over `withinMs`. */
export async function waitForDrainedPool(dataSource, withinMs) {
  const startedAt = performance.now();
  while (performance.now() - startedAt < withinMs) {
    if (poolFigures(dataSource).waiting === 0) return round1(performance.now() - startedAt);
    await sleep(20);
  }
  return null;
}
