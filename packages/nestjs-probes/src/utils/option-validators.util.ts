import { type HealthCheckRefresh, type ProbeKind } from '../interfaces';

/** @internal */
export const PROBE_KINDS: readonly ProbeKind[] = ['liveness', 'readiness', 'startup'];
/** @internal */
export const REFRESH_MODES: readonly HealthCheckRefresh[] = ['on-probe', 'background'];

/** @internal */
export const EXPECTED = {
  duration: 'a finite number of milliseconds >= 0',
  positiveDuration: 'a finite number of milliseconds > 0',
  boolean: 'true or false',
  name: 'a non-empty string',
  probe: `one of ${PROBE_KINDS.map((kind) => `'${kind}'`).join(', ')}, or a non-empty array of them`,
  refresh: `one of ${REFRESH_MODES.map((mode) => `'${mode}'`).join(', ')}`,
  path: 'a string of URL path segments (letters, digits, - _ . / :)',
  roles: 'a non-empty array of non-empty strings',
  function: 'a function',
  object: 'an object',
} as const;

/** @internal */
export const isDuration = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** @internal */
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
