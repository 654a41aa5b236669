import { type DynamicModule, Module } from '@nestjs/common';
import { register as defaultRegistry } from 'prom-client';
import {
  type MetricsModuleSpec,
  registerMetricsModule,
  registerMetricsModuleAsync,
} from '../metrics/metrics-module.builder';
import { PrometheusHealthExporter } from './health-metrics.exporter';
import {
  PROMETHEUS_HEALTH_OPTIONS,
  PROMETHEUS_RESOLVED_OPTIONS,
} from './prometheus-health.constants';
import {
  type PrometheusHealthAsyncOptions,
  type PrometheusHealthOptions,
} from './prometheus-health-options.interface';
import { PROMETHEUS_EXPECTED, resolvePrometheusOptions } from './prometheus-health.validation';
import { INVALID_PROMETHEUS_OPTION, UNKNOWN_PROMETHEUS_OPTION } from './prometheus.messages';

/**
 * Exports the health of the application as Prometheus metrics, in prom-client's default registry
 * unless given one (so an existing `/metrics` endpoint shows them, with no route of its own):
 * `health_check_status{check,status}` and `health_probe_status{probe,status}` (state sets: 1 for
 * the current status, 0 for the other two, read at scrape time without running any check),
 * `health_check_runs_total{check,status}` and `health_check_duration_seconds{check}`.
 * Needs `HealthModule` in the application, and the optional peer dependency `prom-client`.
 *
 * Registering again in a registry that already holds these metrics from an earlier
 * `PrometheusHealthModule` (the next app of a test file) replaces them; two apps running at once
 * in one process need a registry, or a `prefix`, each.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), PrometheusHealthModule.register()]
 * ```
 * @publicApi
 */
@Module({})
export class PrometheusHealthModule {
  /** Options given as they are; validated while the application bootstraps. */
  static register(options: PrometheusHealthOptions = {}): DynamicModule {
    return registerMetricsModule(SPEC, options);
  }

  /** Options from a factory, which may inject providers of `imports`. */
  static registerAsync(options: PrometheusHealthAsyncOptions): DynamicModule {
    return registerMetricsModuleAsync(SPEC, options);
  }
}

const SPEC: MetricsModuleSpec = {
  module: PrometheusHealthModule,
  optionsToken: PROMETHEUS_HEALTH_OPTIONS,
  resolvedToken: PROMETHEUS_RESOLVED_OPTIONS,
  resolve: (given, method) => resolvePrometheusOptions(given, method, defaultRegistry),
  exporter: PrometheusHealthExporter,
  expected: PROMETHEUS_EXPECTED,
  invalidOption: INVALID_PROMETHEUS_OPTION,
  unknownOption: UNKNOWN_PROMETHEUS_OPTION,
};
