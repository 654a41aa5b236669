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

/** @internal From 1 ms to 10 s, in seconds. */
export const DURATION_BUCKETS: readonly number[] = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/**
 * Marks the metrics this module created, in any copy of the package: those it may replace when
 * registered again in the same registry (a second app of the process, a test's next app).
 *
 * @internal
 */
export const OWN_METRIC = Symbol.for('nestjs-probes.prometheus.metric');
