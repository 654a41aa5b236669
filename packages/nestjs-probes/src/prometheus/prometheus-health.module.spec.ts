import { Module } from '@nestjs/common';
import { register as defaultRegistry, Registry } from 'prom-client';
import { HealthConfigurationError } from '../errors';
import { errorOf, itFailsBootstrapOnBadAsyncOptions, start } from '../metrics/metrics.testing';
import { PrometheusHealthModule } from './prometheus-health.module';
import { PROMETHEUS_EXPECTED } from './prometheus-health.validation';
import { INVALID_PROMETHEUS_OPTION, UNKNOWN_PROMETHEUS_OPTION } from './prometheus.messages';

const REGISTRY = Symbol('REGISTRY');
@Module({})
class RegistryModule {
  static readonly registry = new Registry();
}

const registryModule = {
  module: RegistryModule,
  providers: [{ provide: REGISTRY, useValue: RegistryModule.registry }],
  exports: [REGISTRY],
};

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

  itFailsBootstrapOnBadAsyncOptions({
    registerAsync: (options) => PrometheusHealthModule.registerAsync(options),
    expected: PROMETHEUS_EXPECTED,
    invalid: INVALID_PROMETHEUS_OPTION,
    unknown: UNKNOWN_PROMETHEUS_OPTION,
    token: 'REGISTRY',
  });
});
