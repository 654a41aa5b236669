import { describeKind, describeValue } from '../health.messages';

/** @internal The method whose options were given. */
export type PrometheusRegistration = 'register' | 'registerAsync';

/**
 * `actual` is described by kind only for `registry`: a registry is an object that says nothing
 * as a string.
 *
 * @internal
 */
export const INVALID_PROMETHEUS_OPTION = (
  method: PrometheusRegistration,
  option: string,
  expected: string,
  actual: unknown,
) =>
  `PrometheusHealthModule.${method}(): option "${option}" must be ${expected}, got ${option === 'registry' ? describeKind(actual) : describeValue(actual)}.`;

/** @internal */
export const UNKNOWN_PROMETHEUS_OPTION = (
  method: PrometheusRegistration,
  option: string,
  known: readonly string[],
) =>
  `PrometheusHealthModule.${method}(): unknown option "${option}". Known options: ${known.join(', ')}.`;

/** @internal */
export const PROMETHEUS_METRIC_TAKEN = (name: string) =>
  `PrometheusHealthModule: the registry already holds a metric "${name}" that PrometheusHealthModule did not register. Pass a "prefix" to rename the health metrics, or a "registry" of their own.`;

/** @internal */
export const PROMETHEUS_WITHOUT_HEALTH_MODULE =
  'PrometheusHealthModule: HealthEvents is not provided. Import HealthModule.forRoot() (or forRootAsync()) in the application next to PrometheusHealthModule.';

/** @internal `reason` comes from `describeError`, so it is redacted. */
export const PROMETHEUS_RECORD_FAILED = (check: string, reason: string) =>
  `PrometheusHealthModule: could not record a run of health check "${check}" (the metrics miss it; the check is unaffected): ${reason}`;
