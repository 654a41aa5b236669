import { describeKind, describeValue } from '../health.messages';
import { metricsMessages, type MetricsRegistration } from '../metrics/metrics.messages';

/** @internal The method whose options were given. */
export type PrometheusRegistration = MetricsRegistration;

// `actual` is described by kind only for `registry`: a registry is an object that says nothing
// as a string.
const messages = metricsMessages('PrometheusHealthModule', (option, actual) =>
  option === 'registry' ? describeKind(actual) : describeValue(actual),
);

/** @internal */
export const INVALID_PROMETHEUS_OPTION = messages.invalidOption;

/** @internal */
export const UNKNOWN_PROMETHEUS_OPTION = messages.unknownOption;

/** @internal */
export const PROMETHEUS_METRIC_TAKEN = (name: string) =>
  `PrometheusHealthModule: the registry already holds a metric "${name}" that PrometheusHealthModule did not register. Pass a "prefix" to rename the health metrics, or a "registry" of their own.`;

/** @internal */
export const PROMETHEUS_WITHOUT_HEALTH_MODULE = messages.withoutHealthModule;

/** @internal `reason` comes from `describeError`, so it is redacted. */
export const PROMETHEUS_RECORD_FAILED = messages.recordFailed;
