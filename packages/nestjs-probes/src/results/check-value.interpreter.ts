import { CHECK_RETURNED_FALSE } from '../health.messages';
import { isDegradedOutcome, isDownOutcome, worstStatus } from './health-status';
import { type HealthStatus } from '../interfaces';

/**
 * What a check's return value says, before redaction: `error` is the reason given to `down()` or
 * `degraded()`, which user code may have made anything.
 *
 * @internal
 */
export interface CheckReading {
  status: HealthStatus;
  error?: unknown;
  details?: Record<string, unknown>;
}

/** The status words in use across health libraries (Terminus says `ok`/`error` at the top level). */
const STATUS_WORDS: ReadonlyMap<string, HealthStatus> = new Map([
  ...['up', 'ok', 'pass', 'healthy'].map((word) => [word, 'up'] as const),
  ...['degraded', 'warn'].map((word) => [word, 'degraded'] as const),
  ...['down', 'fail', 'failed', 'error', 'unhealthy'].map((word) => [word, 'down'] as const),
]);

/**
 * Reads what a check resolved with:
 * - nothing or `true`: up; `false`: down, since that is what a boolean check means by it;
 * - `degraded(...)` and `down(...)`: as they say;
 * - an object with a top-level `status` word (`{ status: 'down' }`, Terminus's `{ status: 'ok' }`):
 *   that status;
 * - otherwise an object with entries shaped like a `@nestjs/terminus` `HealthIndicatorResult`
 *   (object-valued fields with a `status` word, such as `{ db: { status: 'down' } }`): the worst of
 *   them, other fields being ignored;
 * - anything else (plain details, arrays, primitives): up, with the value as details.
 *
 * Status words match case-insensitively: up/ok/pass/healthy are up, degraded/warn degraded, and
 * down/fail/failed/error/unhealthy down. Any other `status` value (`'idle'`, `'pending'`, a number)
 * is no status word: it is read as plain details, so a check returning it stays up.
 *
 * @internal
 */
export function interpretCheckValue(value: unknown): CheckReading {
  if (value === undefined || value === null || value === true) return { status: 'up' };
  if (value === false) return { status: 'down', error: CHECK_RETURNED_FALSE };
  if (isDownOutcome(value)) return { status: 'down', error: value.reason, details: value.details };
  if (isDegradedOutcome(value)) {
    return { status: 'degraded', error: value.reason, details: value.details };
  }
  if (typeof value !== 'object') return { status: 'up', details: { value } };
  const details = value as Record<string, unknown>;
  return { status: readReportedStatus(value) ?? 'up', details };
}

/**
 * The status an object reports about itself: its own `status` word, else the worst status of its
 * Terminus-shaped entries; undefined when it reports none (arrays never do).
 */
function readReportedStatus(value: object): HealthStatus | undefined {
  if (Array.isArray(value)) return undefined;
  return readStatusWord((value as { status?: unknown }).status) ?? readIndicatorStatus(value);
}

/** @internal The worst status of the Terminus-shaped entries of `value`, if it has any. */
export function readIndicatorStatus(value: object): HealthStatus | undefined {
  if (Array.isArray(value)) return undefined;
  let status: HealthStatus | undefined;
  for (const entry of Object.values(value)) {
    const entryStatus =
      typeof entry === 'object' && entry !== null ? readStatusWord(entry.status) : undefined;
    if (entryStatus) status = worstStatus(status ?? 'up', entryStatus);
  }
  return status;
}

function readStatusWord(status: unknown): HealthStatus | undefined {
  return typeof status === 'string' ? STATUS_WORDS.get(status.toLowerCase()) : undefined;
}
