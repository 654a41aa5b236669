import { Reflector } from '@nestjs/core';
import { type FactoryProvider, Module } from '@nestjs/common';
import { HealthCheck } from '../decorators/health-check.decorator';
import { HealthConfigurationError } from '../errors';
import { INVALID_READY_MADE_OPTION, UNKNOWN_READY_MADE_OPTION } from './ready-made.messages';
import { type ReadyMadeCheckOptions } from '../interfaces';
import { registerReadyMadeCheck } from './ready-made-check.registrar';

interface PingOptions extends ReadyMadeCheckOptions {
  target?: string;
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

function register(options: PingOptions) {
  return registerReadyMadeCheck<PingOptions, { target: string }>({
    module: PingHealthModule,
    implementation: PingHealthCheck,
    defaultName: 'ping',
    options,
    ownOptions: ['target'],
    inject: ['DEPENDENCY'],
    resolve: ({ target = 'default' }, fail) => {
      if (typeof target !== 'string') fail('target', 'a string', target);
      return { target };
    },
  });
}

function checkProvider(options: PingOptions): FactoryProvider {
  return register(options).providers![1] as FactoryProvider;
}

describe('registerReadyMadeCheck', () => {
  const reflector = new Reflector();

  it('makes a class per registration carrying its own @HealthCheck options', () => {
    const first = checkProvider({ name: 'a', critical: false, ttl: 100, target: 'x' });
    const second = checkProvider({ timeout: 50 });
    const firstClass = first.provide as typeof PingHealthCheck;
    const secondClass = second.provide as typeof PingHealthCheck;
    expect(firstClass).not.toBe(secondClass);
    expect(firstClass.name).toBe('PingHealthCheck');
    expect(reflector.get(HealthCheck, firstClass.prototype.check)).toEqual({
      name: 'a',
      critical: false,
      ttl: 100,
    });
    expect(reflector.get(HealthCheck, secondClass.prototype.check)).toEqual({
      name: 'ping',
      timeout: 50,
    });
    expect(reflector.get(HealthCheck, PingHealthCheck.prototype.check)).toBeUndefined();
  });

  it('builds the instance from the resolved options and the injected dependency', () => {
    const options = { target: 'x' };
    const provider = checkProvider(options);
    expect(provider.inject).toEqual(['HEALTH:READY_MADE_OPTIONS', 'DEPENDENCY']);
    const instance = provider.useFactory(options, 'dep') as PingHealthCheck;
    expect(instance).toBeInstanceOf(PingHealthCheck);
    expect(instance.check()).toEqual({ target: 'x', dependency: 'dep' });
  });

  it('returns a module of its own with the given imports, and the options as a provider', () => {
    class Imported {}
    const options = { imports: [Imported] };
    const module = register(options);
    expect(module.module).toBe(PingHealthModule);
    expect(module.imports).toEqual([Imported]);
    expect(module.providers![0]).toEqual({
      provide: 'HEALTH:READY_MADE_OPTIONS',
      useValue: options,
    });
  });

  it('fails at instantiation on a bad own option, naming module, class and option', () => {
    const options = { target: 42 as never };
    const provider = checkProvider(options);
    expect(() => provider.useFactory(options)).toThrow(
      new HealthConfigurationError(
        INVALID_READY_MADE_OPTION('PingHealthModule', 'PingHealthCheck', 'target', 'a string', 42),
      ),
    );
  });

  it('fails at instantiation on an unknown option, listing the known ones', () => {
    const options = { tagret: 'x' } as PingOptions;
    expect(() => checkProvider(options).useFactory(options)).toThrow(
      UNKNOWN_READY_MADE_OPTION('PingHealthModule', 'PingHealthCheck', 'tagret', [
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
        'target',
      ]),
    );
  });

  it('fails at instantiation when the options are not an object', () => {
    expect(() => checkProvider(null as never).useFactory(null)).toThrow(HealthConfigurationError);
  });
});
