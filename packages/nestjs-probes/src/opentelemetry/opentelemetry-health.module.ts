import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { isPlainObject } from '../options/option.validators';
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
  type OpenTelemetryRegistration,
  UNKNOWN_OPENTELEMETRY_OPTION,
} from './opentelemetry.messages';

const ASYNC_OPTION_KEYS = ['imports', 'inject', 'useFactory'];

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
    return OpenTelemetryHealthModule.build('register', [
      { provide: OPENTELEMETRY_HEALTH_OPTIONS, useValue: options },
    ]);
  }

  /** Options from a factory, which may inject providers of `imports`. */
  static registerAsync(options: OpenTelemetryHealthAsyncOptions): DynamicModule {
    const given: unknown = options;
    const method = 'registerAsync';
    if (!isPlainObject(given)) {
      return OpenTelemetryHealthModule.failing(() =>
        invalid(method, '(options)', 'an object with useFactory', given),
      );
    }
    const unknown = Object.keys(given).find((key) => !ASYNC_OPTION_KEYS.includes(key));
    if (unknown !== undefined) {
      return OpenTelemetryHealthModule.failing(() => {
        throw new HealthConfigurationError(
          UNKNOWN_OPENTELEMETRY_OPTION(method, unknown, ASYNC_OPTION_KEYS),
        );
      });
    }
    const { imports = [], inject = [], useFactory } = given;
    if (typeof useFactory !== 'function') {
      return OpenTelemetryHealthModule.failing(() =>
        invalid(method, 'useFactory', OPENTELEMETRY_EXPECTED.useFactory, useFactory),
      );
    }
    if (!Array.isArray(inject)) {
      return OpenTelemetryHealthModule.failing(() =>
        invalid(method, 'inject', OPENTELEMETRY_EXPECTED.inject, inject),
      );
    }
    if (!Array.isArray(imports)) {
      return OpenTelemetryHealthModule.failing(() =>
        invalid(method, 'imports', OPENTELEMETRY_EXPECTED.imports, imports),
      );
    }
    return OpenTelemetryHealthModule.build(
      method,
      [{ provide: OPENTELEMETRY_HEALTH_OPTIONS, inject, useFactory: useFactory as () => unknown }],
      imports,
    );
  }

  private static build(
    method: OpenTelemetryRegistration,
    optionsProviders: Provider[],
    imports: DynamicModule['imports'] = [],
  ): DynamicModule {
    return {
      module: OpenTelemetryHealthModule,
      imports,
      providers: [
        ...optionsProviders,
        {
          provide: OPENTELEMETRY_RESOLVED_OPTIONS,
          inject: [OPENTELEMETRY_HEALTH_OPTIONS],
          useFactory: (given: unknown) => resolveOpenTelemetryOptions(given, method),
        },
        OpenTelemetryHealthExporter,
      ],
    };
  }

  /** A module whose bootstrap fails with the error `fail` throws, as bad options do. */
  private static failing(fail: () => never): DynamicModule {
    return OpenTelemetryHealthModule.build('registerAsync', [
      { provide: OPENTELEMETRY_HEALTH_OPTIONS, useFactory: fail },
    ]);
  }
}

function invalid(
  method: OpenTelemetryRegistration,
  option: string,
  expected: string,
  actual: unknown,
): never {
  throw new HealthConfigurationError(
    INVALID_OPENTELEMETRY_OPTION(method, option, expected, actual),
  );
}
