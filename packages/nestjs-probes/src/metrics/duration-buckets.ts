/**
 * @internal From 1 ms to 10 s, in seconds: the bucket boundaries of the run duration histograms,
 * one list so that Prometheus and OpenTelemetry dashboards of one application compare.
 */
export const DURATION_BUCKETS: readonly number[] = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
