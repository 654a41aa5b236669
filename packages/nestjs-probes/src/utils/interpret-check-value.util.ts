import { CHECK_RETURNED_FALSE } from '../health.messages';
import { isDegradedOutcome, isDownOutcome, worstStatus } from './health-status.util';
import { type HealthStatus } from '../interfaces';

/** @internal */
export interface CheckOutcome {
  status: HealthStatus;
  error?: string;
  details?: Record<string, unknown>;
}

const STATUSES: ReadonlySet<unknown> = new Set(['up', 'degraded', 'down']);

/**
 * Reads what a check resolved with: nothing (up), a plain object of details (up), `degraded(...)`,
 * `down(...)`,
 * a `@nestjs/terminus` `HealthIndicatorResult` (`{ key: { status } }`, whose worst status wins),
 * or `false` (down, since that is what a boolean check means by it).
 *
 * @internal
 */
export function interpretCheckValue(value: unknown): CheckOutcome {
  if (value === undefined || value === null || value === true) return { status: 'up' };
  if (value === false) return { status: 'down', error: CHECK_RETURNED_FALSE };
  if (isDownOutcome(value)) return { status: 'down', error: value.reason, details: value.details };
  if (isDegradedOutcome(value)) {
    return { status: 'degraded', error: value.reason, details: value.details };
  }
  if (typeof value !== 'object') return { status: 'up', details: { value } };
  const indicatorStatus = readIndicatorStatus(value);
  if (indicatorStatus)
    return { status: indicatorStatus, details: value as Record<string, unknown> };
  return { status: 'up', details: value as Record<string, unknown> };
}

/** The worst status of a Terminus-shaped result, or undefined when `value` is not one. */
export function readIndicatorStatus(value: object): HealthStatus | undefined {
  if (Array.isArray(value)) return undefined;
  let status: HealthStatus | undefined;
  for (const entry of Object.values(value)) {
    const entryStatus: unknown =
      typeof entry === 'object' && entry !== null ? entry.status : undefined;
    if (!STATUSES.has(entryStatus)) return undefined;
    status = worstStatus(status ?? 'up', entryStatus as HealthStatus);
  }
  return status;
}
