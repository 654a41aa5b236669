import { type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { type ReadyMadeCheckAsyncOptions } from '../interfaces';
import { EXPECTED, HEALTH_CHECK_OPTION_KEYS, isPlainObject } from '../options/option.validators';
import { describeError } from '../redaction/error.describer';
import {
  defineCheckClass,
  optionFailure,
  pickCheckOptions,
  type ReadyMadeRegistration,
  rejectUnknownOptions,
  resolveOwnOptions,
} from './ready-made-check.registrar';
import {
  READY_MADE_FACTORY_FAILED,
  READY_MADE_OPTION_NOT_FROM_FACTORY,
} from './ready-made.messages';

/** @internal */
export interface ReadyMadeAsyncRegistration<Own extends object, Resolved> extends Omit<
  ReadyMadeRegistration<Own, Resolved>,
  'options'
> {
  /** Checked at run time: the static keys of each module's own async options type. */
  readonly options: ReadyMadeCheckAsyncOptions<object>;
  /**
   * Own options read when the module is defined (the injection token of the dependency), so given
   * next to `useFactory`, never by it. They reach `resolve` with the factory's options.
   */
  readonly staticOptions?: readonly (keyof Own & string)[];
}

const FACTORY_OPTIONS = 'HEALTH:READY_MADE_FACTORY_OPTIONS';
const CHECK = 'HEALTH:READY_MADE_CHECK';
const REGISTRATION = 'HEALTH:READY_MADE_REGISTRATION';
const ASYNC_KEYS = ['imports', 'inject', 'useFactory'];

/**
 * Under the 'deep-hash' module id algorithm two registrations whose factories read alike (same
 * source text, same static options) would hash to one module, and one check would vanish.
 */
let registrations = 0;

/**
 * `registerReadyMadeCheck` with the options from a factory. The class carrying `@HealthCheck()` is
 * made when the factory has answered: the explorer reads the options from the instance's own
 * prototype at module init, after every provider (async factories included) is resolved, so the
 * factory may return `name`, `critical`, `ttl`... as well. Every error is thrown while the
 * application bootstraps and names module, class and option.
 *
 * @internal
 */
export function registerReadyMadeCheckAsync<Own extends object, Resolved>(
  registration: ReadyMadeAsyncRegistration<Own, Resolved>,
): DynamicModule {
  const given: unknown = registration.options;
  const options = isPlainObject(given) ? given : {};
  const inject = Array.isArray(options.inject) ? (options.inject as FactoryProvider['inject']) : [];
  return {
    module: registration.module,
    imports: Array.isArray(options.imports) ? options.imports : [],
    providers: [
      { provide: REGISTRATION, useValue: ++registrations },
      {
        provide: FACTORY_OPTIONS,
        inject,
        useFactory: (...args: unknown[]) => callFactory(registration, given, args),
      },
      {
        provide: CHECK,
        inject: [FACTORY_OPTIONS, ...(registration.inject ?? [])],
        useFactory: (fromFactory: unknown, ...dependencies: unknown[]) =>
          instantiate(registration, options, fromFactory, dependencies),
      },
    ],
  };
}

async function callFactory(
  registration: ReadyMadeAsyncRegistration<any, any>,
  given: unknown,
  args: unknown[],
): Promise<unknown> {
  checkStaticOptions(registration, given);
  const { useFactory } = given as ReadyMadeCheckAsyncOptions<object>;
  try {
    return await useFactory(...args);
  } catch (error) {
    throw new HealthConfigurationError(
      READY_MADE_FACTORY_FAILED(
        registration.module.name,
        registration.implementation.name,
        describeError(error),
      ),
      { cause: error },
    );
  }
}

function checkStaticOptions(
  registration: ReadyMadeAsyncRegistration<any, any>,
  given: unknown,
): void {
  const fail = optionFailure(registration, 'registerAsync');
  if (!isPlainObject(given)) fail('(options)', EXPECTED.object, given);
  const { useFactory, inject, imports } = given as Record<string, unknown>;
  if (typeof useFactory !== 'function') fail('useFactory', EXPECTED.function, useFactory);
  if (inject !== undefined && !Array.isArray(inject)) fail('inject', 'an array of tokens', inject);
  if (imports !== undefined && !Array.isArray(imports)) fail('imports', 'an array', imports);
  // The check's other own options (url, path...) come from the factory, never from here.
  const known = [...HEALTH_CHECK_OPTION_KEYS, ...ASYNC_KEYS, ...staticKeys(registration)];
  rejectUnknownOptions(registration, given as object, known, 'registerAsync');
}

function instantiate<Own extends object, Resolved>(
  registration: ReadyMadeAsyncRegistration<Own, Resolved>,
  options: Record<string, unknown>,
  fromFactory: unknown,
  dependencies: unknown[],
): unknown {
  const fail = optionFailure(registration, 'registerAsync');
  if (!isPlainObject(fromFactory)) fail('(useFactory result)', EXPECTED.object, fromFactory);
  for (const key of ['imports', ...staticKeys(registration)]) {
    if ((fromFactory as Record<string, unknown>)[key] !== undefined) {
      throw new HealthConfigurationError(
        READY_MADE_OPTION_NOT_FROM_FACTORY(
          registration.module.name,
          registration.implementation.name,
          key,
        ),
      );
    }
  }
  const statics = Object.fromEntries(staticKeys(registration).map((key) => [key, options[key]]));
  const merged = { ...pickCheckOptions(options), ...statics, ...(fromFactory as object) };
  const known = [...HEALTH_CHECK_OPTION_KEYS, ...registration.ownOptions];
  const resolved = resolveOwnOptions(registration, merged, dependencies, 'registerAsync', known);
  const Registered = defineCheckClass(registration.implementation, {
    name: registration.defaultName,
    ...pickCheckOptions(merged),
  });
  return new Registered(resolved, ...dependencies);
}

function staticKeys(registration: { readonly staticOptions?: readonly string[] }): string[] {
  return [...(registration.staticOptions ?? [])];
}
