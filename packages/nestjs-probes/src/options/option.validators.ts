import { type HealthCheckOptions, type HealthCheckRefresh, type ProbeKind } from '../interfaces';

/** @internal */
export const PROBE_KINDS: readonly ProbeKind[] = ['liveness', 'readiness', 'startup'];
/** @internal */
export const REFRESH_MODES: readonly HealthCheckRefresh[] = ['on-probe', 'background'];

/** @internal Every key of `HealthCheckOptions`, in the order messages list them. */
export const HEALTH_CHECK_OPTION_KEYS: readonly (keyof HealthCheckOptions)[] = [
  'name',
  'critical',
  'ttl',
  'timeout',
  'probe',
  'refresh',
  'staleAfter',
  'failureThreshold',
  'successThreshold',
];

/**
 * The longest duration accepted anywhere, as it is the longest delay a Node.js timer holds: a longer
 * one becomes 1 ms, so `timeout: 2 ** 31` would time out at once, a background `ttl` that long would
 * run the check back to back, and such a `drainDelay` would not drain at all.
 *
 * @internal
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

const BELOW_MAX_DURATION = 'below 2^31 (about 24.8 days)';

/** @internal */
export const EXPECTED = {
  duration: `a finite number of milliseconds >= 0 and ${BELOW_MAX_DURATION}`,
  positiveDuration: `a finite number of milliseconds > 0 and ${BELOW_MAX_DURATION}`,
  boolean: 'true or false',
  name: 'a non-empty string',
  probe: `one of ${PROBE_KINDS.map((kind) => `'${kind}'`).join(', ')}, or a non-empty array of them`,
  refresh: `one of ${REFRESH_MODES.map((mode) => `'${mode}'`).join(', ')}`,
  path: 'a string of URL path segments (letters, digits, - _ . / :)',
  roles: 'a non-empty array of non-empty strings',
  function: 'a function',
  object: 'an object',
  rate: 'a finite number >= 1',
  rateLimit: 'an object ({ perSecond, burst }) or false',
  threshold: 'a whole number of runs from 1 to 1000',
} as const;

/** @internal Consecutive runs for flap damping: a whole number in [1, 1000]. */
export const isRunThreshold = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1000;

/** @internal In [0, `MAX_DURATION_MS`]. */
export const isDuration = (value: unknown): value is number =>
  typeof value === 'number' && value >= 0 && value <= MAX_DURATION_MS;

/** @internal A number past `MAX_DURATION_MS` (Infinity included), whatever its other bounds. */
export const exceedsMaxDuration = (value: unknown): boolean =>
  typeof value === 'number' && value > MAX_DURATION_MS;

/** @internal In (0, `MAX_DURATION_MS`]. */
export const isPositiveDuration = (value: unknown): value is number =>
  isDuration(value) && value > 0;

/** @internal */
export const isProbeKind = (value: unknown): value is ProbeKind =>
  PROBE_KINDS.includes(value as ProbeKind);

/** @internal */
export const isRefreshMode = (value: unknown): value is HealthCheckRefresh =>
  REFRESH_MODES.includes(value as HealthCheckRefresh);

/** @internal */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** @internal A rate or burst of the admin rate limit. */
export const isRate = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 1;
