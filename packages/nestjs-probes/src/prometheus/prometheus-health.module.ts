import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { register as defaultRegistry } from 'prom-client';
import { HealthConfigurationError } from '../errors';
import { isPlainObject } from '../options/option.validators';
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
import {
  INVALID_PROMETHEUS_OPTION,
  type PrometheusRegistration,
  UNKNOWN_PROMETHEUS_OPTION,
} from './prometheus.messages';

const ASYNC_OPTION_KEYS = ['imports', 'inject', 'useFactory'];

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
    return PrometheusHealthModule.build('register', [
      { provide: PROMETHEUS_HEALTH_OPTIONS, useValue: options },
    ]);
  }

  /** Options from a factory, which may inject providers of `imports`. */
  static registerAsync(options: PrometheusHealthAsyncOptions): DynamicModule {
    const given: unknown = options;
    const method = 'registerAsync';
    if (!isPlainObject(given)) {
      return PrometheusHealthModule.failing(() =>
        invalid(method, '(options)', 'an object with useFactory', given),
      );
    }
    const unknown = Object.keys(given).find((key) => !ASYNC_OPTION_KEYS.includes(key));
    if (unknown !== undefined) {
      return PrometheusHealthModule.failing(() => {
        throw new HealthConfigurationError(
          UNKNOWN_PROMETHEUS_OPTION(method, unknown, ASYNC_OPTION_KEYS),
        );
      });
    }
    const { imports = [], inject = [], useFactory } = given;
    if (typeof useFactory !== 'function') {
      return PrometheusHealthModule.failing(() =>
        invalid(method, 'useFactory', PROMETHEUS_EXPECTED.useFactory, useFactory),
      );
    }
    if (!Array.isArray(inject)) {
      return PrometheusHealthModule.failing(() =>
        invalid(method, 'inject', PROMETHEUS_EXPECTED.inject, inject),
      );
    }
    if (!Array.isArray(imports)) {
      return PrometheusHealthModule.failing(() =>
        invalid(method, 'imports', PROMETHEUS_EXPECTED.imports, imports),
      );
    }
    return PrometheusHealthModule.build(
      method,
      [{ provide: PROMETHEUS_HEALTH_OPTIONS, inject, useFactory: useFactory as () => unknown }],
      imports,
    );
  }

  private static build(
    method: PrometheusRegistration,
    optionsProviders: Provider[],
    imports: DynamicModule['imports'] = [],
  ): DynamicModule {
    return {
      module: PrometheusHealthModule,
      imports,
      providers: [
        ...optionsProviders,
        {
          provide: PROMETHEUS_RESOLVED_OPTIONS,
          inject: [PROMETHEUS_HEALTH_OPTIONS],
          useFactory: (given: unknown) => resolvePrometheusOptions(given, method, defaultRegistry),
        },
        PrometheusHealthExporter,
      ],
    };
  }

  /** A module whose bootstrap fails with the error `fail` throws, as bad options do. */
  private static failing(fail: () => never): DynamicModule {
    return PrometheusHealthModule.build('registerAsync', [
      { provide: PROMETHEUS_HEALTH_OPTIONS, useFactory: fail },
    ]);
  }
}

function invalid(
  method: PrometheusRegistration,
  option: string,
  expected: string,
  actual: unknown,
): never {
  throw new HealthConfigurationError(INVALID_PROMETHEUS_OPTION(method, option, expected, actual));
}
