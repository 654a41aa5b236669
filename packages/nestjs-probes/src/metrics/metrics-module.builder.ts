import { type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { isPlainObject } from '../options/option.validators';
import { type MetricsRegistration } from './metrics.messages';

const ASYNC_OPTION_KEYS = ['imports', 'inject', 'useFactory'];

/** @internal What tells one metrics integration's module from another. */
export interface MetricsModuleSpec {
  /** The module whose `register()` this is, e.g. `PrometheusHealthModule`. */
  readonly module: Type;
  /** Holds the options as given; `resolvedToken` holds them validated, with defaults. */
  readonly optionsToken: string;
  readonly resolvedToken: string;
  /** Validates the options given, naming `method` in its errors; runs at bootstrap. */
  readonly resolve: (given: unknown, method: MetricsRegistration) => unknown;
  /** Injects `resolvedToken`, and exports the metrics. */
  readonly exporter: Type;
  /** What `useFactory`, `inject` and `imports` must be, as the integration's messages say. */
  readonly expected: Readonly<Record<'useFactory' | 'inject' | 'imports', string>>;
  readonly invalidOption: (
    method: MetricsRegistration,
    option: string,
    expected: string,
    actual: unknown,
  ) => string;
  readonly unknownOption: (
    method: MetricsRegistration,
    option: string,
    known: readonly string[],
  ) => string;
}

/** @internal `register(options)`: the options are validated while the application bootstraps. */
export function registerMetricsModule(spec: MetricsModuleSpec, options: unknown): DynamicModule {
  return build(spec, 'register', [{ provide: spec.optionsToken, useValue: options }]);
}

/**
 * `registerAsync(options)`. Bad async options fail the bootstrap too, as bad options do, rather
 * than throwing while the application's module tree is declared.
 *
 * @internal
 */
export function registerMetricsModuleAsync(spec: MetricsModuleSpec, given: unknown): DynamicModule {
  const method = 'registerAsync';
  // The message is written at bootstrap too: describing a hostile value may throw.
  const failing = (message: () => string) =>
    build(spec, method, [
      {
        provide: spec.optionsToken,
        useFactory: () => {
          throw new HealthConfigurationError(message());
        },
      },
    ]);
  const invalid = (option: string, expected: string, actual: unknown) =>
    failing(() => spec.invalidOption(method, option, expected, actual));
  if (!isPlainObject(given)) return invalid('(options)', 'an object with useFactory', given);
  const unknown = Object.keys(given).find((key) => !ASYNC_OPTION_KEYS.includes(key));
  if (unknown !== undefined) {
    return failing(() => spec.unknownOption(method, unknown, ASYNC_OPTION_KEYS));
  }
  const { imports = [], inject = [], useFactory } = given;
  if (typeof useFactory !== 'function') {
    return invalid('useFactory', spec.expected.useFactory, useFactory);
  }
  if (!Array.isArray(inject)) return invalid('inject', spec.expected.inject, inject);
  if (!Array.isArray(imports)) return invalid('imports', spec.expected.imports, imports);
  return build(
    spec,
    method,
    [{ provide: spec.optionsToken, inject, useFactory: useFactory as () => unknown }],
    imports,
  );
}

function build(
  spec: MetricsModuleSpec,
  method: MetricsRegistration,
  optionsProviders: Provider[],
  imports: DynamicModule['imports'] = [],
): DynamicModule {
  return {
    module: spec.module,
    imports,
    providers: [
      ...optionsProviders,
      {
        provide: spec.resolvedToken,
        inject: [spec.optionsToken],
        useFactory: (given: unknown) => spec.resolve(given, method),
      },
      spec.exporter,
    ],
  };
}
