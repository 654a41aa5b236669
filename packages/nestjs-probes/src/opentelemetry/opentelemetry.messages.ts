import { describeValue } from '../health.messages';
import { metricsMessages, type MetricsRegistration } from '../metrics/metrics.messages';

/** @internal The method whose options were given. */
export type OpenTelemetryRegistration = MetricsRegistration;

const messages = metricsMessages('OpenTelemetryHealthModule', (_option, actual) =>
  describeValue(actual),
);

/** @internal */
export const INVALID_OPENTELEMETRY_OPTION = messages.invalidOption;

/** @internal */
export const UNKNOWN_OPENTELEMETRY_OPTION = messages.unknownOption;

/** @internal */
export const OPENTELEMETRY_WITHOUT_HEALTH_MODULE = messages.withoutHealthModule;

/** @internal */
export const OPENTELEMETRY_NO_METER_PROVIDER = (meterName: string) =>
  `OpenTelemetryHealthModule: no global MeterProvider is registered, so the meter "${meterName}" records nothing. Start the OpenTelemetry SDK (or call metrics.setGlobalMeterProvider()) before the application initialises: the instruments are created when it does.`;

/** @internal `reason` comes from `describeError`, so it is redacted. */
export const OPENTELEMETRY_RECORD_FAILED = messages.recordFailed;
