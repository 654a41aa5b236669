import { type DynamicModule, type InjectionToken, type Type } from '@nestjs/common';
import { HealthCheck } from '../decorators/health-check.decorator';
import { HealthConfigurationError } from '../errors';
import { type HealthCheckOptions, type ReadyMadeCheckOptions } from '../interfaces';
import { EXPECTED, HEALTH_CHECK_OPTION_KEYS, isPlainObject } from '../options/option.validators';
import { INVALID_READY_MADE_OPTION, UNKNOWN_READY_MADE_OPTION } from './ready-made.messages';

/** @internal The one method a ready-made check implements; it runs under `@HealthCheck()`. */
export interface ReadyMadeCheck {
  check(signal: AbortSignal): unknown;
}

/** @internal Throws the bootstrap error naming module, class and option. */
export type OptionFailure = (option: string, expected: string, actual: unknown) => never;

/** @internal */
export interface ReadyMadeRegistration<Own extends object, Resolved> {
  /** The module whose `register()` this is, e.g. `TypeOrmHealthModule`. */
  readonly module: Type;
  /** Its constructor takes the resolved options, then the injected dependencies. */
  readonly implementation: new (options: Resolved, ...dependencies: any[]) => ReadyMadeCheck;
  readonly defaultName: string;
  readonly options: Own & ReadyMadeCheckOptions;
  /** The option keys of the check itself (beyond `ReadyMadeCheckOptions`). */
  readonly ownOptions: readonly (keyof Own & string)[];
  readonly inject?: readonly InjectionToken[];
  /**
   * Validates and fills the check's own options (and may vet the injected dependencies), calling
   * `fail` on the first bad one.
   */
  readonly resolve: (
    options: Own,
    fail: OptionFailure,
    dependencies: readonly unknown[],
  ) => Resolved;
}

/** @internal The static method whose options an error is about. */
export type ReadyMadeMethod = 'register' | 'registerAsync';

/** @internal What an error names: the module and the check's class. */
export interface ReadyMadeSite {
  readonly module: Type;
  readonly implementation: { readonly name: string };
}

const CHECK_OPTIONS = HEALTH_CHECK_OPTION_KEYS;
const READY_MADE_OPTIONS = 'HEALTH:READY_MADE_OPTIONS';

/**
 * Builds the module of one registration of a ready-made check: a class made for this registration
 * (so each carries its own `@HealthCheck()` options and is discovered like any user check), provided
 * by a factory that validates the options while the application bootstraps.
 *
 * @internal
 */
export function registerReadyMadeCheck<Own extends object, Resolved>(
  registration: ReadyMadeRegistration<Own, Resolved>,
): DynamicModule {
  const { module, implementation, defaultName, options = {} as Own } = registration;
  const Registered = defineCheckClass(implementation, {
    name: defaultName,
    ...pickCheckOptions(options),
  });
  return {
    module,
    imports: (isPlainObject(options) && (options as ReadyMadeCheckOptions).imports) || [],
    providers: [
      // Also what makes two registrations two modules under the 'deep-hash' module id algorithm.
      { provide: READY_MADE_OPTIONS, useValue: options },
      {
        provide: Registered,
        inject: [READY_MADE_OPTIONS, ...(registration.inject ?? [])],
        useFactory: (given: unknown, ...dependencies: unknown[]) =>
          new Registered(
            resolveOwnOptions(registration, given, dependencies, 'register'),
            ...dependencies,
          ),
      },
    ],
  };
}

/**
 * A subclass of `implementation` of the same name whose `check` carries `checkOptions`: a class of
 * its own per registration, so no shared class's metadata is ever written.
 *
 * @internal
 */
export function defineCheckClass<Resolved>(
  implementation: ReadyMadeRegistration<object, Resolved>['implementation'],
  checkOptions: HealthCheckOptions,
): ReadyMadeRegistration<object, Resolved>['implementation'] {
  const Registered = class extends implementation {
    override check(signal: AbortSignal): unknown {
      return super.check(signal);
    }
  };
  Object.defineProperty(Registered, 'name', { value: implementation.name });
  HealthCheck(checkOptions)(
    Registered.prototype,
    'check',
    Object.getOwnPropertyDescriptor(Registered.prototype, 'check')!,
  );
  return Registered;
}

/** @internal The `@HealthCheck()` options among `options`, the unset ones left out. */
export function pickCheckOptions(options: unknown): HealthCheckOptions {
  if (!isPlainObject(options)) return {};
  const picked: Record<string, unknown> = {};
  for (const key of CHECK_OPTIONS) if (options[key] !== undefined) picked[key] = options[key];
  return picked as HealthCheckOptions;
}

/** @internal The bootstrap error naming module, class and option, for `register` or `registerAsync`. */
export function optionFailure(registration: ReadyMadeSite, method: ReadyMadeMethod): OptionFailure {
  return (option, expected, actual) => {
    throw new HealthConfigurationError(
      INVALID_READY_MADE_OPTION(
        registration.module.name,
        registration.implementation.name,
        option,
        expected,
        actual,
        method,
      ),
    );
  };
}

/** @internal Checks `given` against the known keys, then resolves it with the dependencies. */
export function resolveOwnOptions<Own extends object, Resolved>(
  registration: Omit<ReadyMadeRegistration<Own, Resolved>, 'options'>,
  given: unknown,
  dependencies: readonly unknown[],
  method: ReadyMadeMethod,
  known: readonly string[] = [...CHECK_OPTIONS, 'imports', ...registration.ownOptions],
): Resolved {
  const fail = optionFailure(registration, method);
  if (!isPlainObject(given)) return fail('(options)', EXPECTED.object, given);
  rejectUnknownOptions(registration, given, known, method);
  return registration.resolve(given as Own, fail, dependencies);
}

/** @internal Fails on the first key of `given` not in `known`, listing the known ones. */
export function rejectUnknownOptions(
  registration: ReadyMadeSite,
  given: object,
  known: readonly string[],
  method: ReadyMadeMethod,
): void {
  const unknown = Object.keys(given).find((key) => !known.includes(key));
  if (unknown === undefined) return;
  throw new HealthConfigurationError(
    UNKNOWN_READY_MADE_OPTION(
      registration.module.name,
      registration.implementation.name,
      unknown,
      known,
      method,
    ),
  );
}
