import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { register as defaultRegistry, Registry } from 'prom-client';
import { Subject } from 'rxjs';
import { HealthConfigurationError } from '../errors';
import { HealthEvents } from '../events/health-events';
import { PrometheusHealthModule } from './prometheus-health.module';
import { PROMETHEUS_EXPECTED } from './prometheus-health.validation';
import { INVALID_PROMETHEUS_OPTION, UNKNOWN_PROMETHEUS_OPTION } from './prometheus.messages';

const REGISTRY = Symbol('REGISTRY');
const fakeEvents = {
  runs$: new Subject(),
  snapshot: () => ({ checks: [], probes: { liveness: 'up', readiness: 'up', startup: 'up' } }),
};

@Global()
@Module({
  providers: [{ provide: HealthEvents, useValue: fakeEvents }],
  exports: [HealthEvents],
})
class FakeHealthModule {}

@Module({})
class RegistryModule {
  static readonly registry = new Registry();
}

const registryModule = {
  module: RegistryModule,
  providers: [{ provide: REGISTRY, useValue: RegistryModule.registry }],
  exports: [REGISTRY],
};

async function start(module: ReturnType<typeof PrometheusHealthModule.register>) {
  const moduleRef = await Test.createTestingModule({
    imports: [FakeHealthModule, module],
  }).compile();
  return moduleRef.init();
}

async function errorOf(module: ReturnType<typeof PrometheusHealthModule.register>) {
  try {
    await (await start(module)).close();
  } catch (error) {
    return error;
  }
  throw new Error('expected the module to fail');
}

const names = (registry: Registry) => registry.getMetricsAsArray().map(({ name }) => name);

describe('PrometheusHealthModule', () => {
  afterEach(() => {
    defaultRegistry.clear();
    RegistryModule.registry.clear();
  });

  it('registers in prom-client default registry when given none, and leaves it on close', async () => {
    const app = await start(PrometheusHealthModule.register());
    expect(names(defaultRegistry)).toContain('health_check_status');
    await app.close();
    expect(names(defaultRegistry)).toEqual([]);
  });

  it('takes the registry from an async factory injecting it', async () => {
    const app = await start(
      PrometheusHealthModule.registerAsync({
        imports: [registryModule],
        inject: [REGISTRY],
        useFactory: async (registry: Registry) => ({ registry, prefix: 'app_' }),
      }),
    );
    expect(names(RegistryModule.registry)).toContain('app_health_check_status');
    expect(names(defaultRegistry)).toEqual([]);
    await app.close();
  });

  it('takes an async factory returning nothing as the defaults', async () => {
    const app = await start(PrometheusHealthModule.registerAsync({ useFactory: () => undefined }));
    expect(names(defaultRegistry)).toContain('health_probe_status');
    await app.close();
  });

  it('validates the options of register() and of the async factory, naming the method', async () => {
    expect(await errorOf(PrometheusHealthModule.register({ prefix: '9' }))).toEqual(
      new HealthConfigurationError(
        INVALID_PROMETHEUS_OPTION('register', 'prefix', PROMETHEUS_EXPECTED.prefix, '9'),
      ),
    );
    const error = await errorOf(
      PrometheusHealthModule.registerAsync({ useFactory: () => ({ registry: 'x' as never }) }),
    );
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect(error).toEqual(
      new HealthConfigurationError(
        INVALID_PROMETHEUS_OPTION('registerAsync', 'registry', PROMETHEUS_EXPECTED.registry, 'x'),
      ),
    );
  });

  it.each([
    [undefined, '(options)', 'an object with useFactory'],
    [{}, 'useFactory', PROMETHEUS_EXPECTED.useFactory],
    [{ useFactory: 'f' }, 'useFactory', PROMETHEUS_EXPECTED.useFactory],
    [{ useFactory: () => ({}), inject: 'REGISTRY' }, 'inject', PROMETHEUS_EXPECTED.inject],
    [{ useFactory: () => ({}), imports: {} }, 'imports', PROMETHEUS_EXPECTED.imports],
  ])('fails bootstrap on registerAsync(%p)', async (options, option, expected) => {
    const given = options as Record<string, unknown> | undefined;
    const actual = given === undefined ? undefined : given[option];
    expect(await errorOf(PrometheusHealthModule.registerAsync(options as never))).toEqual(
      new HealthConfigurationError(
        INVALID_PROMETHEUS_OPTION('registerAsync', option, expected, actual),
      ),
    );
  });

  it('fails bootstrap on an unknown registerAsync option', async () => {
    expect(
      await errorOf(
        PrometheusHealthModule.registerAsync({
          useFactory: () => ({}),
          useClass: class {},
        } as never),
      ),
    ).toEqual(
      new HealthConfigurationError(
        UNKNOWN_PROMETHEUS_OPTION('registerAsync', 'useClass', ['imports', 'inject', 'useFactory']),
      ),
    );
  });
});
