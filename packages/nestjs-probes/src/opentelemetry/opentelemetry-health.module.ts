import { type DynamicModule, Module } from '@nestjs/common';
import {
  type MetricsModuleSpec,
  registerMetricsModule,
  registerMetricsModuleAsync,
} from '../metrics/metrics-module.builder';
import { OpenTelemetryHealthExporter } from './opentelemetry-health.exporter';
import {
  OPENTELEMETRY_HEALTH_OPTIONS,
  OPENTELEMETRY_RESOLVED_OPTIONS,
} from './opentelemetry-health.constants';
import {
  type OpenTelemetryHealthAsyncOptions,
  type OpenTelemetryHealthOptions,
} from './opentelemetry-health-options.interface';
import {
  OPENTELEMETRY_EXPECTED,
  resolveOpenTelemetryOptions,
} from './opentelemetry-health.validation';
import {
  INVALID_OPENTELEMETRY_OPTION,
  UNKNOWN_OPENTELEMETRY_OPTION,
} from './opentelemetry.messages';

/**
 * Reports the health of the application through OpenTelemetry metrics, on a meter of the global
 * `MeterProvider` (the one the OpenTelemetry SDK registers): `health.check.status` and
 * `health.probe.status` (observable gauges, state sets: 1 for the current status, 0 for the other
 * two, read when the SDK collects without running any check), `health.check.runs` (counter, unit
 * `{run}`) and `health.check.duration` (histogram, unit `s`). Attributes `health.check.name`,
 * `health.check.status`, `health.probe.name`, `health.probe.status`.
 * Needs `HealthModule` in the application, the optional peer dependency `@opentelemetry/api`,
 * and the SDK registered before the application initialises.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), OpenTelemetryHealthModule.register()]
 * ```
 * @publicApi
 */
@Module({})
export class OpenTelemetryHealthModule {
  /** Options given as they are; validated while the application bootstraps. */
  static register(options: OpenTelemetryHealthOptions = {}): DynamicModule {
    return registerMetricsModule(SPEC, options);
  }

  /** Options from a factory, which may inject providers of `imports`. */
  static registerAsync(options: OpenTelemetryHealthAsyncOptions): DynamicModule {
    return registerMetricsModuleAsync(SPEC, options);
  }
}

const SPEC: MetricsModuleSpec = {
  module: OpenTelemetryHealthModule,
  optionsToken: OPENTELEMETRY_HEALTH_OPTIONS,
  resolvedToken: OPENTELEMETRY_RESOLVED_OPTIONS,
  resolve: resolveOpenTelemetryOptions,
  exporter: OpenTelemetryHealthExporter,
  expected: OPENTELEMETRY_EXPECTED,
  invalidOption: INVALID_OPENTELEMETRY_OPTION,
  unknownOption: UNKNOWN_OPENTELEMETRY_OPTION,
};
