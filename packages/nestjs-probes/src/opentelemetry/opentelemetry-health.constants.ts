import { type HealthStatus } from '../interfaces';

/** @internal The options given to `register()`, or returned by the `registerAsync()` factory. */
export const OPENTELEMETRY_HEALTH_OPTIONS = 'HEALTH:OPENTELEMETRY_OPTIONS';

/** @internal The options validated, with defaults. */
export const OPENTELEMETRY_RESOLVED_OPTIONS = 'HEALTH:OPENTELEMETRY_RESOLVED_OPTIONS';

/** @internal The meter the instruments are created on, unless `meterName` says otherwise. */
export const DEFAULT_METER_NAME = 'nestjs-probes';

/**
 * @internal The instrument names, before `prefix`. There is no OpenTelemetry semantic convention
 * for health checks (yet): these follow its naming guidance, dot-separated, with the unit in the
 * instrument's `unit` and not in its name.
 */
export const INSTRUMENT_NAMES = {
  checkStatus: 'health.check.status',
  probeStatus: 'health.probe.status',
  checkDuration: 'health.check.duration',
  checkRuns: 'health.check.runs',
} as const;

/** @internal The attribute names of the instruments. */
export const ATTRIBUTES = {
  checkName: 'health.check.name',
  checkStatus: 'health.check.status',
  probeName: 'health.probe.name',
  probeStatus: 'health.probe.status',
} as const;

/** @internal Every status, each a data point of the state-set gauges. */
export const STATUSES: readonly HealthStatus[] = ['up', 'degraded', 'down'];

/** @internal The longest an instrument name may be (OpenTelemetry API specification). */
export const MAX_INSTRUMENT_NAME_LENGTH = 255;

/** @internal The longest `prefix` that keeps every instrument name within the limit. */
export const MAX_PREFIX_LENGTH =
  MAX_INSTRUMENT_NAME_LENGTH - Math.max(...Object.values(INSTRUMENT_NAMES).map((n) => n.length));
