import { Module } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import {
  errorOf,
  fakeEvents,
  itFailsBootstrapOnBadAsyncOptions,
  start,
} from '../metrics/metrics.testing';
import { InMemoryMetrics } from './collected-metrics.testing';
import { OpenTelemetryHealthModule } from './opentelemetry-health.module';
import { OPENTELEMETRY_EXPECTED } from './opentelemetry-health.validation';
import {
  INVALID_OPENTELEMETRY_OPTION,
  UNKNOWN_OPENTELEMETRY_OPTION,
} from './opentelemetry.messages';

const SERVICE_NAME = Symbol('SERVICE_NAME');
@Module({
  providers: [{ provide: SERVICE_NAME, useValue: 'orders' }],
  exports: [SERVICE_NAME],
})
class ConfigModule {}

describe('OpenTelemetryHealthModule', () => {
  let otel: InMemoryMetrics;

  beforeEach(() => {
    otel = InMemoryMetrics.install();
  });
  afterEach(() => otel.uninstall());

  /** The instruments collected, by name, with the meter of each. */
  const scopes = async () => (await otel.collect()).scopes;

  it('creates its instruments on the nestjs-probes meter of the global provider', async () => {
    const app = await start(OpenTelemetryHealthModule.register());
    expect(await scopes()).toEqual({ 'health.probe.status': 'nestjs-probes' });
    await app.close();
  });

  it('takes its options from an async factory injecting a provider of its imports', async () => {
    const app = await start(
      OpenTelemetryHealthModule.registerAsync({
        imports: [ConfigModule],
        inject: [SERVICE_NAME],
        useFactory: async (service: string) => ({ meterName: service, prefix: `${service}.` }),
      }),
    );
    expect(await scopes()).toEqual({ 'orders.health.probe.status': 'orders' });
    await app.close();
  });

  it('takes an async factory returning nothing as the defaults', async () => {
    const app = await start(
      OpenTelemetryHealthModule.registerAsync({ useFactory: () => undefined }),
    );
    expect(await scopes()).toEqual({ 'health.probe.status': 'nestjs-probes' });
    await app.close();
  });

  it('stops reading the snapshot when closed', async () => {
    const snapshot = jest.spyOn(fakeEvents, 'snapshot');
    const app = await start(OpenTelemetryHealthModule.register());
    await otel.collect();
    expect(snapshot).toHaveBeenCalledTimes(1);
    await app.close();
    await otel.collect();
    expect(snapshot).toHaveBeenCalledTimes(1);
    expect(fakeEvents.runs$.observed).toBe(false);
    snapshot.mockRestore();
  });

  it('validates the options of register() and of the async factory, naming the method', async () => {
    expect(await errorOf(OpenTelemetryHealthModule.register({ prefix: '9' }))).toEqual(
      new HealthConfigurationError(
        INVALID_OPENTELEMETRY_OPTION('register', 'prefix', OPENTELEMETRY_EXPECTED.prefix, '9'),
      ),
    );
    const error = await errorOf(
      OpenTelemetryHealthModule.registerAsync({ useFactory: () => ({ meterName: '' }) }),
    );
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect(error).toEqual(
      new HealthConfigurationError(
        INVALID_OPENTELEMETRY_OPTION(
          'registerAsync',
          'meterName',
          OPENTELEMETRY_EXPECTED.meterName,
          '',
        ),
      ),
    );
  });

  itFailsBootstrapOnBadAsyncOptions({
    registerAsync: (options) => OpenTelemetryHealthModule.registerAsync(options),
    expected: OPENTELEMETRY_EXPECTED,
    invalid: INVALID_OPENTELEMETRY_OPTION,
    unknown: UNKNOWN_OPENTELEMETRY_OPTION,
    token: 'CONFIG',
  });
});
