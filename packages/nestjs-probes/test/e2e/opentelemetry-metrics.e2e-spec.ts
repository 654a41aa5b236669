import { type DynamicModule, type INestApplication, Logger, Module } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { HealthEvents } from 'nestjs-probes';
import {
  OpenTelemetryHealthModule,
  type OpenTelemetryHealthAsyncOptions,
  type OpenTelemetryHealthOptions,
} from 'nestjs-probes/opentelemetry';
import {
  type Collection,
  histogramOf,
  InMemoryMetrics,
  pointsOf,
  stateSetOf,
} from '../../src/opentelemetry/collected-metrics.testing';
import { DURATION_BUCKETS } from '../../src/metrics/duration-buckets';
import { OPENTELEMETRY_EXPECTED } from '../../src/opentelemetry/opentelemetry-health.validation';
import {
  INVALID_OPENTELEMETRY_OPTION,
  OPENTELEMETRY_NO_METER_PROVIDER,
  OPENTELEMETRY_WITHOUT_HEALTH_MODULE,
} from '../../src/opentelemetry/opentelemetry.messages';
import { AppModule } from '../src/app.module';
import { CountedHealth, type CountedState } from '../src/counted.health';
import {
  ADAPTERS,
  bootstrap,
  expectConfigurationError,
  failOnUnhandledRejections,
  probe,
} from '../src/test-app.util';

const withMetrics = (otel: DynamicModule) => AppModule.registerChecks([CountedHealth], {}, [otel]);

const CHECK = ['health.check.name', 'health.check.status'] as const;
const PROBE = ['health.probe.name', 'health.probe.status'] as const;
const PAYMENTS = { 'health.check.name': 'payments' };

/** The data points of `health.check.runs` for payments, by status. */
function runsByStatus({ metrics: collected }: Collection, prefix = '') {
  const points = pointsOf(collected[`${prefix}health.check.runs`]);
  return Object.fromEntries(
    points
      .filter(({ attributes }) => attributes['health.check.name'] === 'payments')
      .map(({ attributes, value }) => [attributes['health.check.status'], value]),
  );
}

describe.each(ADAPTERS)('OpenTelemetryHealthModule (%s)', (adapter) => {
  let app: INestApplication | undefined;
  let otel: InMemoryMetrics;

  beforeEach(() => {
    otel = InMemoryMetrics.install();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterEach(() => otel.uninstall());
  failOnUnhandledRejections();

  async function readyWhen(state: CountedState, expected: number): Promise<void> {
    app!.get(CountedHealth).state = state;
    await probe(app!, '/health/ready').expect(expected);
  }

  it('shows each check and probe status as a state set, and counts the runs, across up, down, up', async () => {
    app = await bootstrap(adapter, withMetrics(OpenTelemetryHealthModule.register()));
    const fixture = app.get(CountedHealth);

    await readyWhen('up', 200);
    let collected = await otel.collect();
    expect(stateSetOf(collected.metrics['health.check.status'], ...CHECK)).toEqual([
      'payments up 1',
      'payments degraded 0',
      'payments down 0',
    ]);

    await readyWhen('down', 503);
    collected = await otel.collect();
    expect(stateSetOf(collected.metrics['health.check.status'], ...CHECK)).toEqual([
      'payments up 0',
      'payments degraded 0',
      'payments down 1',
    ]);
    expect(stateSetOf(collected.metrics['health.probe.status'], ...PROBE)).toEqual([
      'liveness up 1',
      'liveness degraded 0',
      'liveness down 0',
      'readiness up 0',
      'readiness degraded 0',
      'readiness down 1',
      'startup up 1',
      'startup degraded 0',
      'startup down 0',
    ]);
    expect(runsByStatus(collected)).toEqual({ up: 1, degraded: 0, down: 1 });

    await readyWhen('up', 200);
    collected = await otel.collect();
    expect(pointsOf(collected.metrics['health.check.status'])).toEqual([
      { attributes: { ...PAYMENTS, 'health.check.status': 'up' }, value: 1 },
      { attributes: { ...PAYMENTS, 'health.check.status': 'degraded' }, value: 0 },
      { attributes: { ...PAYMENTS, 'health.check.status': 'down' }, value: 0 },
    ]);
    expect(stateSetOf(collected.metrics['health.probe.status'], ...PROBE)).toEqual([
      'liveness up 1',
      'liveness degraded 0',
      'liveness down 0',
      'readiness up 1',
      'readiness degraded 0',
      'readiness down 0',
      'startup up 1',
      'startup degraded 0',
      'startup down 0',
    ]);
    // Exactly what ran: three runs, two up and one down; one duration recorded for each.
    expect(fixture.runs).toBe(3);
    expect(runsByStatus(collected)).toEqual({ up: 2, degraded: 0, down: 1 });
    const histogram = histogramOf(collected.metrics['health.check.duration'], PAYMENTS)!;
    expect(histogram.count).toBe(fixture.runs);
    expect(histogram.buckets.counts.reduce((sum, count) => sum + count, 0)).toBe(fixture.runs);
    // The histogram has no other series (no status attribute).
    expect(pointsOf(collected.metrics['health.check.duration'])).toHaveLength(1);
    // Collecting three times never ran the check.
    expect(fixture.runs).toBe(3);
  });

  it('reports the instruments with their kinds, units and meter, the counter cumulative', async () => {
    app = await bootstrap(adapter, withMetrics(OpenTelemetryHealthModule.register()));
    await readyWhen('degraded', 200);
    const { metrics: collected, scopes } = await otel.collect();
    const kinds = Object.fromEntries(
      Object.entries(collected).map(([name, { descriptor, dataPointType }]) => [
        name,
        [DataPointType[dataPointType], descriptor.unit],
      ]),
    );
    expect(kinds).toEqual({
      'health.check.status': ['GAUGE', '{check}'],
      'health.probe.status': ['GAUGE', '{probe}'],
      'health.check.runs': ['SUM', '{run}'],
      'health.check.duration': ['HISTOGRAM', 's'],
    });
    expect(new Set(Object.values(scopes))).toEqual(new Set(['nestjs-probes']));
    const runs = collected['health.check.runs'];
    expect(runs.aggregationTemporality).toBe(AggregationTemporality.CUMULATIVE);
    expect(runs.dataPointType === DataPointType.SUM && runs.isMonotonic).toBe(true);
    expect(runsByStatus({ metrics: collected, scopes })).toEqual({ up: 0, degraded: 1, down: 0 });
  });

  it('records one duration per run: the histogram count is the number of runs', async () => {
    app = await bootstrap(adapter, withMetrics(OpenTelemetryHealthModule.register()));
    const fixture = app.get(CountedHealth);
    for (const state of ['up', 'degraded', 'down', 'up', 'up'] as const) {
      await readyWhen(state, state === 'down' ? 503 : 200);
    }
    const collected = await otel.collect();
    const histogram = histogramOf(collected.metrics['health.check.duration'], PAYMENTS)!;
    expect(fixture.runs).toBe(5);
    expect(histogram.count).toBe(5);
    expect(histogram.buckets.boundaries).toEqual(DURATION_BUCKETS);
    expect(histogram.sum).toBeGreaterThanOrEqual(0);
    // Seconds: a check that returns at once takes far less than 10 s, so no run overflows.
    expect(histogram.buckets.counts.at(-1)).toBe(0);
    expect(runsByStatus(collected)).toEqual({ up: 3, degraded: 1, down: 1 });
  });

  it('never runs a check to answer a collection', async () => {
    app = await bootstrap(adapter, withMetrics(OpenTelemetryHealthModule.register()));
    const fixture = app.get(CountedHealth);
    await readyWhen('up', 200);
    fixture.state = 'down';
    const runs = fixture.runs;
    let collected!: Collection;
    for (let collection = 0; collection < 10; collection++) collected = await otel.collect();
    expect(fixture.runs).toBe(runs);
    // The last result stands until a probe runs the check again.
    expect(stateSetOf(collected.metrics['health.check.status'], ...CHECK)).toContain(
      'payments up 1',
    );
    expect(runsByStatus(collected)).toEqual({ up: 1, degraded: 0, down: 0 });
  });

  it('leaves a check that has not run yet out, and shows readiness down until it has', async () => {
    app = await bootstrap(adapter, withMetrics(OpenTelemetryHealthModule.register()));
    const { metrics: collected } = await otel.collect();
    expect(collected['health.check.status']).toBeUndefined();
    expect(collected['health.check.runs']).toBeUndefined();
    expect(stateSetOf(collected['health.probe.status'], ...PROBE)).toContain('readiness down 1');
    expect(app.get(CountedHealth).runs).toBe(0);
  });

  it('creates the instruments on the named meter, with the prefix before every name', async () => {
    app = await bootstrap(
      adapter,
      withMetrics(OpenTelemetryHealthModule.register({ meterName: 'orders', prefix: 'orders.' })),
    );
    await readyWhen('down', 503);
    const { metrics: collected, scopes } = await otel.collect();
    expect(scopes).toEqual({
      'orders.health.check.status': 'orders',
      'orders.health.probe.status': 'orders',
      'orders.health.check.runs': 'orders',
      'orders.health.check.duration': 'orders',
    });
    expect(stateSetOf(collected['orders.health.check.status'], ...CHECK)).toContain(
      'payments down 1',
    );
    expect(runsByStatus({ metrics: collected, scopes }, 'orders.')).toEqual({
      up: 0,
      degraded: 0,
      down: 1,
    });
  });

  it('takes its options from an async factory', async () => {
    const async: OpenTelemetryHealthAsyncOptions = {
      useFactory: async () => ({ prefix: 'async.' }),
    };
    app = await bootstrap(adapter, withMetrics(OpenTelemetryHealthModule.registerAsync(async)));
    await readyWhen('up', 200);
    const collected = await otel.collect();
    expect(runsByStatus(collected, 'async.')).toEqual({ up: 1, degraded: 0, down: 0 });
  });

  it('stops reading the health state once the app is closed', async () => {
    app = await bootstrap(adapter, withMetrics(OpenTelemetryHealthModule.register()));
    await readyWhen('up', 200);
    const snapshot = jest.spyOn(app.get(HealthEvents), 'snapshot');
    await otel.collect();
    expect(snapshot).toHaveBeenCalledTimes(1);
    await app.close();
    app = undefined;
    await otel.collect();
    expect(snapshot).toHaveBeenCalledTimes(1);
  });
});

describe('OpenTelemetryHealthModule without a global MeterProvider', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
    jest.restoreAllMocks();
  });

  it('warns that it records nothing, and the probes answer as usual', async () => {
    metrics.disable();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    app = await bootstrap('express', withMetrics(OpenTelemetryHealthModule.register()));
    await probe(app, '/health/ready').expect(200);
    expect(warn.mock.calls).toEqual([[OPENTELEMETRY_NO_METER_PROVIDER('nestjs-probes')]]);
  });
});

describe('OpenTelemetryHealthModule bootstrap errors', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each<[OpenTelemetryHealthOptions, string, string, unknown]>([
    [{ prefix: 'my app.' }, 'prefix', OPENTELEMETRY_EXPECTED.prefix, 'my app.'],
    [{ meterName: '' }, 'meterName', OPENTELEMETRY_EXPECTED.meterName, ''],
  ])('fails on register(%p)', async (options, option, expected, actual) => {
    await expectConfigurationError(
      withMetrics(OpenTelemetryHealthModule.register(options)),
      INVALID_OPENTELEMETRY_OPTION('register', option, expected, actual),
    );
  });

  it('fails on options from an async factory, naming registerAsync', async () => {
    await expectConfigurationError(
      withMetrics(
        OpenTelemetryHealthModule.registerAsync({ useFactory: () => ({ prefix: '1.' }) }),
      ),
      INVALID_OPENTELEMETRY_OPTION('registerAsync', 'prefix', OPENTELEMETRY_EXPECTED.prefix, '1.'),
    );
  });

  it('fails without HealthModule, saying to import it', async () => {
    @Module({ imports: [OpenTelemetryHealthModule.register()] })
    class MetricsOnlyModule {}
    await expectConfigurationError(
      { module: MetricsOnlyModule },
      OPENTELEMETRY_WITHOUT_HEALTH_MODULE,
    );
  });
});
