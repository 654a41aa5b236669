import { type DynamicModule, type INestApplication, Logger, Module } from '@nestjs/common';
import {
  PrometheusHealthModule,
  type PrometheusHealthAsyncOptions,
  type PrometheusHealthOptions,
} from 'nestjs-probes/prometheus';
import { register as defaultRegistry, Registry } from 'prom-client';
import { DURATION_BUCKET_LABELS } from '../../src/metrics/metrics.testing';
import { PROMETHEUS_EXPECTED } from '../../src/prometheus/prometheus-health.validation';
import {
  INVALID_PROMETHEUS_OPTION,
  PROMETHEUS_WITHOUT_HEALTH_MODULE,
} from '../../src/prometheus/prometheus.messages';
import { AppModule } from '../src/app.module';
import { CountedHealth, type CountedState } from '../src/counted.health';
import {
  ADAPTERS,
  bootstrap,
  expectConfigurationError,
  failOnUnhandledRejections,
  probe,
} from '../src/test-app.util';

const withMetrics = (prometheus: DynamicModule) =>
  AppModule.registerChecks([CountedHealth], {}, [prometheus]);

const CHECK_STATUS_HEAD = [
  '# HELP health_check_status Current status of each health check: 1 for the status it has (up, degraded or down), 0 for the other two.',
  '# TYPE health_check_status gauge',
];
const PROBE_STATUS_HEAD = [
  '# HELP health_probe_status Current status of each probe (liveness, readiness, startup): 1 for the status it has (up, degraded or down), 0 for the other two.',
  '# TYPE health_probe_status gauge',
];
const RUNS_HEAD = [
  '# HELP health_check_runs_total Completed runs of each health check, by outcome (before flap damping).',
  '# TYPE health_check_runs_total counter',
];

/** The text of one metric as a scrape shows it. */
const textOf = (registry: Registry, name: string) => registry.getSingleMetricAsString(name);
const lines = (...all: string[]) => all.join('\n');

describe.each(ADAPTERS)('PrometheusHealthModule (%s)', (adapter) => {
  let app: INestApplication | undefined;
  let registry: Registry;

  beforeEach(() => {
    registry = new Registry();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  failOnUnhandledRejections();

  async function readyWhen(state: CountedState, expected: number): Promise<void> {
    app!.get(CountedHealth).state = state;
    await probe(app!, '/health/ready').expect(expected);
  }

  it('shows each status and probe as a state set, and counts the runs, across up, down, up', async () => {
    app = await bootstrap(adapter, withMetrics(PrometheusHealthModule.register({ registry })));
    const fixture = app.get(CountedHealth);

    await readyWhen('up', 200);
    await readyWhen('down', 503);
    expect(await textOf(registry, 'health_check_status')).toBe(
      lines(
        ...CHECK_STATUS_HEAD,
        'health_check_status{check="payments",status="up"} 0',
        'health_check_status{check="payments",status="degraded"} 0',
        'health_check_status{check="payments",status="down"} 1',
      ),
    );
    expect(await textOf(registry, 'health_probe_status')).toBe(
      lines(
        ...PROBE_STATUS_HEAD,
        'health_probe_status{probe="liveness",status="up"} 1',
        'health_probe_status{probe="liveness",status="degraded"} 0',
        'health_probe_status{probe="liveness",status="down"} 0',
        'health_probe_status{probe="readiness",status="up"} 0',
        'health_probe_status{probe="readiness",status="degraded"} 0',
        'health_probe_status{probe="readiness",status="down"} 1',
        'health_probe_status{probe="startup",status="up"} 1',
        'health_probe_status{probe="startup",status="degraded"} 0',
        'health_probe_status{probe="startup",status="down"} 0',
      ),
    );

    await readyWhen('up', 200);
    const text = await registry.metrics();
    const checkStatus = lines(
      ...CHECK_STATUS_HEAD,
      'health_check_status{check="payments",status="up"} 1',
      'health_check_status{check="payments",status="degraded"} 0',
      'health_check_status{check="payments",status="down"} 0',
    );
    const probeStatus = lines(
      ...PROBE_STATUS_HEAD,
      'health_probe_status{probe="liveness",status="up"} 1',
      'health_probe_status{probe="liveness",status="degraded"} 0',
      'health_probe_status{probe="liveness",status="down"} 0',
      'health_probe_status{probe="readiness",status="up"} 1',
      'health_probe_status{probe="readiness",status="degraded"} 0',
      'health_probe_status{probe="readiness",status="down"} 0',
      'health_probe_status{probe="startup",status="up"} 1',
      'health_probe_status{probe="startup",status="degraded"} 0',
      'health_probe_status{probe="startup",status="down"} 0',
    );
    const runs = lines(
      ...RUNS_HEAD,
      'health_check_runs_total{check="payments",status="up"} 2',
      'health_check_runs_total{check="payments",status="degraded"} 0',
      'health_check_runs_total{check="payments",status="down"} 1',
    );
    expect(await textOf(registry, 'health_check_status')).toBe(checkStatus);
    expect(await textOf(registry, 'health_probe_status')).toBe(probeStatus);
    expect(await textOf(registry, 'health_check_runs_total')).toBe(runs);
    // The same blocks, in one scrape of the registry.
    for (const block of [checkStatus, probeStatus, runs]) expect(text).toContain(`${block}\n`);
    expect(fixture.runs).toBe(3);
  });

  it('observes one duration per run: the histogram count is the number of runs', async () => {
    app = await bootstrap(adapter, withMetrics(PrometheusHealthModule.register({ registry })));
    const fixture = app.get(CountedHealth);
    for (const state of ['up', 'degraded', 'down', 'up', 'up'] as const) {
      await readyWhen(state, state === 'down' ? 503 : 200);
    }
    const histogram = await textOf(registry, 'health_check_duration_seconds');
    expect(fixture.runs).toBe(5);
    expect(histogram.split('\n')).toEqual(
      expect.arrayContaining([
        `health_check_duration_seconds_count{check="payments"} ${fixture.runs}`,
        `health_check_duration_seconds_bucket{le="+Inf",check="payments"} ${fixture.runs}`,
      ]),
    );
    expect(histogram).toContain('# TYPE health_check_duration_seconds histogram');
    const le = [...histogram.matchAll(/_bucket\{le="([^"]+)"/g)].map(([, bound]) => bound);
    expect(le).toEqual(DURATION_BUCKET_LABELS.concat('+Inf'));
    expect(await textOf(registry, 'health_check_runs_total')).toContain(
      'health_check_runs_total{check="payments",status="degraded"} 1',
    );
  });

  it('never runs a check to answer a scrape', async () => {
    app = await bootstrap(adapter, withMetrics(PrometheusHealthModule.register({ registry })));
    const fixture = app.get(CountedHealth);
    await readyWhen('up', 200);
    fixture.state = 'down';
    const runs = fixture.runs;
    for (let scrape = 0; scrape < 10; scrape++) await registry.metrics();
    expect(fixture.runs).toBe(runs);
    // The last result stands until a probe runs the check again.
    expect(await textOf(registry, 'health_check_status')).toContain(
      'health_check_status{check="payments",status="up"} 1',
    );
  });

  it('leaves a check that has not run yet out, and shows readiness down until it has', async () => {
    app = await bootstrap(adapter, withMetrics(PrometheusHealthModule.register({ registry })));
    expect(await textOf(registry, 'health_check_status')).toBe(lines(...CHECK_STATUS_HEAD));
    expect(await textOf(registry, 'health_probe_status')).toContain(
      'health_probe_status{probe="readiness",status="down"} 1',
    );
    expect(app.get(CountedHealth).runs).toBe(0);
  });

  it("uses prom-client's default registry when given none", async () => {
    app = await bootstrap(adapter, withMetrics(PrometheusHealthModule.register()));
    await readyWhen('up', 200);
    expect(await defaultRegistry.metrics()).toContain(
      'health_check_status{check="payments",status="up"} 1',
    );
    await app.close();
    app = undefined;
    // Closing the app takes its metrics out, so the next app can register them again.
    expect(defaultRegistry.getSingleMetric('health_check_status')).toBeUndefined();
  });

  it('prepends the prefix to every name and adds the constant labels', async () => {
    app = await bootstrap(
      adapter,
      withMetrics(
        PrometheusHealthModule.register({ registry, prefix: 'orders_', labels: { env: 'e2e' } }),
      ),
    );
    await readyWhen('down', 503);
    expect(registry.getMetricsAsArray().map(({ name }) => name)).toEqual([
      'orders_health_check_status',
      'orders_health_probe_status',
      'orders_health_check_runs_total',
      'orders_health_check_duration_seconds',
    ]);
    expect(await textOf(registry, 'orders_health_check_status')).toContain(
      'orders_health_check_status{check="payments",status="down",env="e2e"} 1',
    );
    expect(await textOf(registry, 'orders_health_probe_status')).toContain(
      'orders_health_probe_status{probe="readiness",status="down",env="e2e"} 1',
    );
  });

  it('takes its options from an async factory', async () => {
    const async: PrometheusHealthAsyncOptions = {
      useFactory: async () => ({ registry, prefix: 'async_' }),
    };
    app = await bootstrap(adapter, withMetrics(PrometheusHealthModule.registerAsync(async)));
    await readyWhen('up', 200);
    expect(await textOf(registry, 'async_health_check_runs_total')).toContain(
      'async_health_check_runs_total{check="payments",status="up"} 1',
    );
  });

  it('lets a second app register in the same registry, and the first close without taking its metrics', async () => {
    const first = await bootstrap(
      adapter,
      withMetrics(PrometheusHealthModule.register({ registry })),
    );
    try {
      app = await bootstrap(adapter, withMetrics(PrometheusHealthModule.register({ registry })));
      await readyWhen('down', 503);
    } finally {
      await first.close();
    }
    expect(await textOf(registry, 'health_check_status')).toContain(
      'health_check_status{check="payments",status="down"} 1',
    );
    expect(await textOf(registry, 'health_check_runs_total')).toContain(
      'health_check_runs_total{check="payments",status="down"} 1',
    );
  });
});

describe('PrometheusHealthModule bootstrap errors', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each<[PrometheusHealthOptions, string, string, unknown]>([
    [{ prefix: 'my-app_' }, 'prefix', PROMETHEUS_EXPECTED.prefix, 'my-app_'],
    [{ registry: {} as Registry }, 'registry', PROMETHEUS_EXPECTED.registry, {}],
    [{ labels: { status: 'x' } }, 'labels.status', PROMETHEUS_EXPECTED.labelName, 'status'],
  ])('fails on register(%p)', async (options, option, expected, actual) => {
    await expectConfigurationError(
      withMetrics(PrometheusHealthModule.register(options)),
      INVALID_PROMETHEUS_OPTION('register', option, expected, actual),
    );
  });

  it('fails on options from an async factory, naming registerAsync', async () => {
    await expectConfigurationError(
      withMetrics(PrometheusHealthModule.registerAsync({ useFactory: () => ({ prefix: '1' }) })),
      INVALID_PROMETHEUS_OPTION('registerAsync', 'prefix', PROMETHEUS_EXPECTED.prefix, '1'),
    );
  });

  it('fails without HealthModule, saying to import it', async () => {
    @Module({ imports: [PrometheusHealthModule.register({ registry: new Registry() })] })
    class MetricsOnlyModule {}
    await expectConfigurationError({ module: MetricsOnlyModule }, PROMETHEUS_WITHOUT_HEALTH_MODULE);
  });
});
