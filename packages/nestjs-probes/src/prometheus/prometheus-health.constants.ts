/** @internal The options given to `register()`, or returned by the `registerAsync()` factory. */
export const PROMETHEUS_HEALTH_OPTIONS = 'HEALTH:PROMETHEUS_OPTIONS';

/** @internal The options validated, with defaults. */
export const PROMETHEUS_RESOLVED_OPTIONS = 'HEALTH:PROMETHEUS_RESOLVED_OPTIONS';

/** @internal The default metric names, before `prefix`. */
export const METRIC_NAMES = {
  checkStatus: 'health_check_status',
  checkRuns: 'health_check_runs_total',
  checkDuration: 'health_check_duration_seconds',
  probeStatus: 'health_probe_status',
} as const;

/**
 * Marks the metrics this module created, in any copy of the package: those it may replace when
 * registered again in the same registry (a second app of the process, a test's next app).
 *
 * @internal
 */
export const OWN_METRIC = Symbol.for('nestjs-probes.prometheus.metric');
