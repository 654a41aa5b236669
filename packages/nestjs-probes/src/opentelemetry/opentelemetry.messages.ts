import { describeValue } from '../health.messages';

/** @internal The method whose options were given. */
export type OpenTelemetryRegistration = 'register' | 'registerAsync';

/** @internal */
export const INVALID_OPENTELEMETRY_OPTION = (
  method: OpenTelemetryRegistration,
  option: string,
  expected: string,
  actual: unknown,
) =>
  `OpenTelemetryHealthModule.${method}(): option "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const UNKNOWN_OPENTELEMETRY_OPTION = (
  method: OpenTelemetryRegistration,
  option: string,
  known: readonly string[],
) =>
  `OpenTelemetryHealthModule.${method}(): unknown option "${option}". Known options: ${known.join(', ')}.`;

/** @internal */
export const OPENTELEMETRY_WITHOUT_HEALTH_MODULE =
  'OpenTelemetryHealthModule: HealthEvents is not provided. Import HealthModule.forRoot() (or forRootAsync()) in the application next to OpenTelemetryHealthModule.';

/** @internal */
export const OPENTELEMETRY_NO_METER_PROVIDER = (meterName: string) =>
  `OpenTelemetryHealthModule: no global MeterProvider is registered, so the meter "${meterName}" records nothing. Start the OpenTelemetry SDK (or call metrics.setGlobalMeterProvider()) before the application initialises: the instruments are created when it does.`;

/** @internal `reason` comes from `describeError`, so it is redacted. */
export const OPENTELEMETRY_RECORD_FAILED = (check: string, reason: string) =>
  `OpenTelemetryHealthModule: could not record a run of health check "${check}" (the metrics miss it; the check is unaffected): ${reason}`;
