import { type HealthStatus } from '../interfaces';

const DEGRADED_BRAND = Symbol.for('nestjs-probes.degraded');
const DOWN_BRAND = Symbol.for('nestjs-probes.down');

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

/**
 * What a check returns to say "down" while keeping the figures that show why (free bytes of a full
 * disk, say). Build it with `down()`. Throwing works too, but an error carries no details.
 *
 * @publicApi
 */
export interface HealthCheckDown {
  readonly [DOWN_BRAND]: true;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Returned from a `@HealthCheck()` method to report `down` with details: the probe answers 503 when
 * the check is critical (200 `degraded` when it is not), and the details endpoint shows `reason` and
 * `details`, redacted like any error.
 *
 * @example
 * ```ts
 * @HealthCheck()
 * async queue() {
 *   const { backlog } = await this.queue.stats();
 *   if (backlog > 10_000) return down('queue backlog too long', { backlog });
 *   return { backlog };
 * }
 * ```
 * @publicApi
 */
export function down(reason: string, details?: Record<string, unknown>): HealthCheckDown {
  return { [DOWN_BRAND]: true, reason, details };
}

/** @internal */
export function isDownOutcome(value: unknown): value is HealthCheckDown {
  return typeof value === 'object' && value !== null && DOWN_BRAND in value;
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
