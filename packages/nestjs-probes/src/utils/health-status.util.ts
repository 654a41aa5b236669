import { type HealthStatus } from '../interfaces';

const DEGRADED_BRAND = Symbol.for('nestjs-probes.degraded');

/**
 * What a check returns to say "working, but impaired". Build it with `degraded()`.
 *
 * @publicApi
 */
export interface HealthCheckDegraded {
  readonly [DEGRADED_BRAND]: true;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Returned from a `@HealthCheck()` method to report `degraded` on its own (for instance a saturated
 * pool): the probe answers 200 `degraded`, never 503, and the details endpoint shows `reason`.
 *
 * @example
 * ```ts
 * @HealthCheck()
 * async pool() {
 *   const { waiting } = this.pool.stats();
 *   if (waiting > 10) return degraded('pool saturated', { waiting });
 *   return { waiting };
 * }
 * ```
 * @publicApi
 */
export function degraded(reason: string, details?: Record<string, unknown>): HealthCheckDegraded {
  return { [DEGRADED_BRAND]: true, reason, details };
}

/** @internal */
export function isDegradedOutcome(value: unknown): value is HealthCheckDegraded {
  return typeof value === 'object' && value !== null && DEGRADED_BRAND in value;
}

/** @internal */
export const STATUS_RANK: Record<HealthStatus, number> = { up: 0, degraded: 1, down: 2 };

/** @internal */
export function worstStatus(a: HealthStatus, b: HealthStatus): HealthStatus {
  return STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;
}
