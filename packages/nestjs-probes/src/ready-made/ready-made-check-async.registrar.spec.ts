import {
  type DynamicModule,
  type FactoryProvider,
  Module,
  type ValueProvider,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HealthCheck } from '../decorators/health-check.decorator';
import { HealthConfigurationError } from '../errors';
import { type ReadyMadeCheckAsyncOptions } from '../interfaces';
import { EXPECTED } from '../options/option.validators';
import { describeError } from '../redaction/error.describer';
import { registerReadyMadeCheckAsync } from './ready-made-check-async.registrar';
import {
  INVALID_READY_MADE_OPTION,
  READY_MADE_FACTORY_FAILED,
  READY_MADE_OPTION_NOT_FROM_FACTORY,
  UNKNOWN_READY_MADE_OPTION,
} from './ready-made.messages';

interface PingOptions {
  name?: string;
  critical?: boolean;
  ttl?: number;
  target?: string;
  token?: string;
}

class PingHealthCheck {
  constructor(
    readonly options: { target: string },
    readonly dependency?: unknown,
  ) {}

  check(): unknown {
    return { target: this.options.target, dependency: this.dependency };
  }
}

@Module({})
class PingHealthModule {}

type AsyncOptions = ReadyMadeCheckAsyncOptions<PingOptions> & { token?: string };

function register(options: AsyncOptions): DynamicModule {
  return registerReadyMadeCheckAsync<PingOptions, { target: string }>({
    module: PingHealthModule,
    implementation: PingHealthCheck,
    defaultName: 'ping',
    options,
    ownOptions: ['target', 'token'],
    staticOptions: ['token'],
    inject: ['DEPENDENCY'],
    resolve: ({ target = 'default', token }, fail) => {
      if (typeof target !== 'string') fail('target', 'a string', target);
      if (token === 'bad') fail('token', 'a good token', token);
      return { target };
    },
  });
}

const providersOf = (module: DynamicModule) => {
  const [registration, options, check] = module.providers as [
    ValueProvider,
    FactoryProvider,
    FactoryProvider,
  ];
  return { registration, options, check };
};

/** Runs both factories as Nest would: the options one with `args`, then the check one. */
async function instantiate(options: AsyncOptions, ...args: unknown[]): Promise<PingHealthCheck> {
  const providers = providersOf(register(options));
  const fromFactory = await providers.options.useFactory(...args);
  return providers.check.useFactory(fromFactory, 'dep') as PingHealthCheck;
}

async function errorOf(options: AsyncOptions): Promise<unknown> {
  return instantiate(options).then(
    () => {
      throw new Error('expected a configuration error');
    },
    (error: unknown) => error,
  );
}

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION(
      'PingHealthModule',
      'PingHealthCheck',
      option,
      expected,
      actual,
      'registerAsync',
    ),
  );

describe('registerReadyMadeCheckAsync', () => {
  const reflector = new Reflector();
  const metadataOf = (instance: object) =>
    reflector.get(HealthCheck, Object.getPrototypeOf(instance).check);

  it('returns its module with the given imports, the factory injected with the given tokens', () => {
    class ConfigModule {}
    const useFactory = () => ({});
    const module = register({ imports: [ConfigModule], inject: ['CONFIG'], useFactory });
    const { options, check } = providersOf(module);
    expect(module.module).toBe(PingHealthModule);
    expect(module.imports).toEqual([ConfigModule]);
    expect(options.inject).toEqual(['CONFIG']);
    expect(check.inject).toEqual([options.provide, 'DEPENDENCY']);
  });

  it('passes the injected values to the factory and builds the check from its answer', async () => {
    const useFactory = jest.fn((config: { target: string }) => ({ target: config.target }));
    const instance = await instantiate({ inject: ['CONFIG'], useFactory }, { target: 'x' });
    expect(useFactory).toHaveBeenCalledWith({ target: 'x' });
    expect(instance).toBeInstanceOf(PingHealthCheck);
    expect(instance.check()).toEqual({ target: 'x', dependency: 'dep' });
  });

  it('awaits a factory that returns a promise', async () => {
    const instance = await instantiate({ useFactory: async () => ({ target: 'later' }) });
    expect(instance.check()).toEqual({ target: 'later', dependency: 'dep' });
  });

  it.each([
    ['only the default name', {}, {}, { name: 'ping' }],
    ['options next to the factory', { name: 'a', ttl: 100 }, {}, { name: 'a', ttl: 100 }],
    [
      'options from the factory',
      {},
      { name: 'b', critical: false },
      { name: 'b', critical: false },
    ],
    [
      'the factory winning over the options next to it',
      { name: 'a', ttl: 100 },
      { name: 'b' },
      { name: 'b', ttl: 100 },
    ],
  ])(
    'carries the @HealthCheck() options on the instance’s own class: %s',
    async (_case, beside, fromFactory, expected) => {
      const instance = await instantiate({ ...beside, useFactory: () => fromFactory });
      expect(metadataOf(instance)).toEqual(expected);
      expect(instance.constructor.name).toBe('PingHealthCheck');
    },
  );

  it('makes a class per instance and never writes the shared class’s metadata', async () => {
    const first = await instantiate({ useFactory: () => ({ name: 'a' }) });
    const second = await instantiate({ useFactory: () => ({ name: 'b' }) });
    expect(first.constructor).not.toBe(second.constructor);
    expect(metadataOf(first)).toEqual({ name: 'a' });
    expect(metadataOf(second)).toEqual({ name: 'b' });
    expect(reflector.get(HealthCheck, PingHealthCheck.prototype.check)).toBeUndefined();
  });

  it('tells two registrations that read alike apart (deep-hash module ids)', () => {
    const options = { useFactory: () => ({}) };
    const [first, second] = [register(options), register(options)];
    expect(providersOf(first).registration.useValue).not.toEqual(
      providersOf(second).registration.useValue,
    );
  });

  it('hands the options given next to the factory to resolve, with the factory’s', async () => {
    expect(await errorOf({ token: 'bad', useFactory: () => ({ target: 'x' }) })).toEqual(
      invalid('token', 'a good token', 'bad'),
    );
  });

  it('fails when the factory throws, with its redacted reason and the error as cause', async () => {
    const thrown = new Error('cannot read postgres://app:hunter2@db.internal/app');
    const error = await errorOf({
      useFactory: () => {
        throw thrown;
      },
    });
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect((error as Error).message).toBe(
      READY_MADE_FACTORY_FAILED('PingHealthModule', 'PingHealthCheck', describeError(thrown)),
    );
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as Error).cause).toBe(thrown);
  });

  it('fails when the factory rejects, or throws a non-Error', async () => {
    const rejected = await errorOf({ useFactory: () => Promise.reject(new Error('no config')) });
    expect(rejected).toEqual(
      new HealthConfigurationError(
        READY_MADE_FACTORY_FAILED('PingHealthModule', 'PingHealthCheck', 'no config'),
      ),
    );
    const thrownString = await errorOf({
      useFactory: () => {
        throw 'nope';
      },
    });
    expect(thrownString).toBeInstanceOf(HealthConfigurationError);
    expect((thrownString as Error).message).toContain('nope');
  });

  it.each([undefined, null, 42, 'x', [{ target: 'x' }]])(
    'fails when the factory answers %p',
    async (answer) => {
      expect(await errorOf({ useFactory: () => answer as never })).toEqual(
        invalid('(useFactory result)', EXPECTED.object, answer),
      );
    },
  );

  it.each(['imports', 'token'])(
    'fails when the factory answers %p, which must sit next to it',
    async (option) => {
      expect(await errorOf({ useFactory: () => ({ [option]: 'x' }) as never })).toEqual(
        new HealthConfigurationError(
          READY_MADE_OPTION_NOT_FROM_FACTORY('PingHealthModule', 'PingHealthCheck', option),
        ),
      );
    },
  );

  it('fails on a bad or unknown option from the factory, naming registerAsync', async () => {
    expect(await errorOf({ useFactory: () => ({ target: 42 as never }) })).toEqual(
      invalid('target', 'a string', 42),
    );
    const known = [
      'name',
      'critical',
      'ttl',
      'timeout',
      'probe',
      'refresh',
      'staleAfter',
      'failureThreshold',
      'successThreshold',
      'target',
      'token',
    ];
    expect(await errorOf({ useFactory: () => ({ tagret: 'x' }) as never })).toEqual(
      new HealthConfigurationError(
        UNKNOWN_READY_MADE_OPTION(
          'PingHealthModule',
          'PingHealthCheck',
          'tagret',
          known,
          'registerAsync',
        ),
      ),
    );
  });

  it('fails on an own option given next to the factory rather than by it', async () => {
    const known = [
      'name',
      'critical',
      'ttl',
      'timeout',
      'probe',
      'refresh',
      'staleAfter',
      'failureThreshold',
      'successThreshold',
      'imports',
      'inject',
      'useFactory',
      'token',
    ];
    const useFactory = jest.fn(() => ({}));
    expect(await errorOf({ target: 'x', useFactory } as AsyncOptions)).toEqual(
      new HealthConfigurationError(
        UNKNOWN_READY_MADE_OPTION(
          'PingHealthModule',
          'PingHealthCheck',
          'target',
          known,
          'registerAsync',
        ),
      ),
    );
    expect(useFactory).not.toHaveBeenCalled();
  });

  it.each([
    ['useFactory', { useFactory: 'config' }, EXPECTED.function, 'config'],
    ['useFactory', {}, EXPECTED.function, undefined],
    ['inject', { inject: 'CONFIG', useFactory: () => ({}) }, 'an array of tokens', 'CONFIG'],
    ['imports', { imports: 'CONFIG', useFactory: () => ({}) }, 'an array', 'CONFIG'],
  ])(
    'fails at bootstrap on a bad %s, never while the module is defined',
    async (option, options, expected, actual) => {
      expect(() => register(options as never)).not.toThrow();
      expect(await errorOf(options as never)).toEqual(invalid(option, expected, actual));
    },
  );

  it('fails at bootstrap when the options are not an object', async () => {
    expect(await errorOf(null as never)).toEqual(invalid('(options)', EXPECTED.object, null));
  });
});
