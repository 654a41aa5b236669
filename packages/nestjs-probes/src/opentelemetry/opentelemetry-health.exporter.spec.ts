import { Logger } from '@nestjs/common';
import { metrics, ValueType } from '@opentelemetry/api';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import { HealthConfigurationError } from '../errors';
import { type HealthEvents } from '../events/health-events';
import { DURATION_BUCKETS } from '../metrics/duration-buckets';
import { FakeEvents } from '../metrics/metrics.testing';
import { histogramOf, InMemoryMetrics, pointsOf, stateSetOf } from './collected-metrics.testing';
import { DESCRIPTIONS, OpenTelemetryHealthExporter } from './opentelemetry-health.exporter';
import { type ResolvedOpenTelemetryHealthOptions } from './opentelemetry-health-options.interface';
import {
  OPENTELEMETRY_NO_METER_PROVIDER,
  OPENTELEMETRY_RECORD_FAILED,
  OPENTELEMETRY_WITHOUT_HEALTH_MODULE,
} from './opentelemetry.messages';

function exporterOf(
  events: FakeEvents | undefined,
  options: Partial<ResolvedOpenTelemetryHealthOptions> = {},
): OpenTelemetryHealthExporter {
  const resolved = { meterName: 'nestjs-probes', prefix: '', ...options };
  return new OpenTelemetryHealthExporter(resolved, events as unknown as HealthEvents);
}

const CHECK = ['health.check.name', 'health.check.status'] as const;
const PROBE = ['health.probe.name', 'health.probe.status'] as const;

describe('OpenTelemetryHealthExporter', () => {
  let otel: InMemoryMetrics;
  let events: FakeEvents;
  let exporter: OpenTelemetryHealthExporter;

  beforeEach(() => {
    otel = InMemoryMetrics.install();
    events = new FakeEvents();
    exporter = exporterOf(events);
    exporter.onModuleInit();
  });

  afterEach(async () => {
    exporter.onModuleDestroy();
    await otel.uninstall();
    jest.restoreAllMocks();
  });

  it('creates the four instruments on the nestjs-probes meter, with their kinds and units', async () => {
    events.current = { ...events.current, checks: [{ name: 'db', status: 'up', critical: true }] };
    events.run('db', 'up', 3);
    const { metrics: collected, scopes } = await otel.collect();
    expect(Object.keys(collected).sort()).toEqual([
      'health.check.duration',
      'health.check.runs',
      'health.check.status',
      'health.probe.status',
    ]);
    expect(new Set(Object.values(scopes))).toEqual(new Set(['nestjs-probes']));
    const described = (name: string) => {
      const { unit, description, valueType } = collected[name].descriptor;
      return { kind: DataPointType[collected[name].dataPointType], unit, description, valueType };
    };
    expect(described('health.check.status')).toEqual({
      kind: 'GAUGE',
      unit: '{check}',
      description: DESCRIPTIONS.checkStatus,
      valueType: ValueType.INT,
    });
    expect(described('health.probe.status')).toEqual({
      kind: 'GAUGE',
      unit: '{probe}',
      description: DESCRIPTIONS.probeStatus,
      valueType: ValueType.INT,
    });
    expect(described('health.check.runs')).toEqual({
      kind: 'SUM',
      unit: '{run}',
      description: DESCRIPTIONS.checkRuns,
      valueType: ValueType.INT,
    });
    expect(described('health.check.duration')).toEqual({
      kind: 'HISTOGRAM',
      unit: 's',
      description: DESCRIPTIONS.checkDuration,
      valueType: ValueType.DOUBLE,
    });
    const runs = collected['health.check.runs'];
    expect(runs.dataPointType === DataPointType.SUM && runs.isMonotonic).toBe(true);
  });

  it('observes the status gauges from the snapshot at each collection, as state sets', async () => {
    events.current = {
      checks: [
        { name: 'db', status: 'up', critical: true },
        { name: 'cache', status: 'degraded', critical: false },
      ],
      probes: { liveness: 'up', readiness: 'degraded', startup: 'up' },
    };
    let { metrics: collected } = await otel.collect();
    expect(stateSetOf(collected['health.check.status'], ...CHECK)).toEqual([
      'db up 1',
      'db degraded 0',
      'db down 0',
      'cache up 0',
      'cache degraded 1',
      'cache down 0',
    ]);
    expect(pointsOf(collected['health.check.status'])[0].attributes).toEqual({
      'health.check.name': 'db',
      'health.check.status': 'up',
    });
    events.current = {
      checks: [
        { name: 'db', status: 'down', critical: true },
        { name: 'cache', status: 'up', critical: false },
      ],
      probes: { liveness: 'up', readiness: 'down', startup: 'up' },
    };
    ({ metrics: collected } = await otel.collect());
    expect(stateSetOf(collected['health.check.status'], ...CHECK)).toEqual([
      'db up 0',
      'db degraded 0',
      'db down 1',
      'cache up 1',
      'cache degraded 0',
      'cache down 0',
    ]);
    expect(stateSetOf(collected['health.probe.status'], ...PROBE)).toEqual([
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
    expect(pointsOf(collected['health.probe.status'])[5].attributes).toEqual({
      'health.probe.name': 'readiness',
      'health.probe.status': 'down',
    });
  });

  it('counts runs by outcome, every outcome from the first run on, and records durations in seconds', async () => {
    events.run('db', 'up', 4);
    events.run('db', 'down', 1200);
    events.run('db', 'up', 30);
    const { metrics: collected } = await otel.collect();
    expect(pointsOf(collected['health.check.runs'])).toEqual([
      { attributes: { 'health.check.name': 'db', 'health.check.status': 'up' }, value: 2 },
      { attributes: { 'health.check.name': 'db', 'health.check.status': 'degraded' }, value: 0 },
      { attributes: { 'health.check.name': 'db', 'health.check.status': 'down' }, value: 1 },
    ]);
    const histogram = histogramOf(collected['health.check.duration'], {
      'health.check.name': 'db',
    })!;
    expect(histogram.count).toBe(3);
    expect(histogram.sum).toBeCloseTo(1.234, 10);
    expect(histogram.min).toBeCloseTo(0.004, 10);
    expect(histogram.max).toBeCloseTo(1.2, 10);
    // The advice's boundaries: 1 ms to 10 s, as the Prometheus exporter's buckets.
    expect(histogram.buckets.boundaries).toEqual(DURATION_BUCKETS);
    // ≤ 0.001, ≤ 0.005 (4 ms), …, ≤ 0.05 (30 ms), …, ≤ 2.5 (1.2 s), …, > 10.
    expect(histogram.buckets.counts).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
  });

  it('counts a negative duration as 0 s', async () => {
    events.run('db', 'up', -5);
    const { metrics: collected } = await otel.collect();
    const histogram = histogramOf(collected['health.check.duration'], {
      'health.check.name': 'db',
    })!;
    expect([histogram.count, histogram.sum]).toEqual([1, 0]);
  });

  it('leaves a check that has not run yet out: no data point until it has', async () => {
    const { metrics: collected } = await otel.collect();
    expect(collected['health.check.status']).toBeUndefined();
    expect(stateSetOf(collected['health.probe.status'], ...PROBE)).toHaveLength(9);
  });

  it('reads the snapshot only when collected, once per collection for both gauges', async () => {
    events.run('db', 'up', 1);
    expect(events.snapshots).toBe(0);
    await otel.collect();
    expect(events.snapshots).toBe(1);
    await otel.collect();
    expect(events.snapshots).toBe(2);
  });

  it('stops recording and observing on destroy', async () => {
    events.current = { ...events.current, checks: [{ name: 'db', status: 'up', critical: true }] };
    events.run('db', 'up', 1);
    await otel.collect();
    expect(events.snapshots).toBe(1);
    exporter.onModuleDestroy();
    expect(events.runs.observed).toBe(false);
    events.run('db', 'down', 1);
    const { metrics: collected } = await otel.collect();
    // The gauges are no longer observed (the SDK may still show their last values, cumulatively).
    expect(events.snapshots).toBe(1);
    expect(pointsOf(collected['health.check.runs'])).toContainEqual({
      attributes: { 'health.check.name': 'db', 'health.check.status': 'down' },
      value: 0,
    });
    // Idempotent: Nest may not call it twice, a test may.
    expect(() => exporter.onModuleDestroy()).not.toThrow();
  });

  it('creates the instruments on the named meter, with the prefix before every name', async () => {
    const other = new FakeEvents();
    other.current = { ...other.current, checks: [{ name: 'db', status: 'up', critical: true }] };
    const prefixed = exporterOf(other, { meterName: 'orders-api', prefix: 'orders.' });
    prefixed.onModuleInit();
    other.run('db', 'degraded', 2);
    const { metrics: collected, scopes } = await otel.collect();
    prefixed.onModuleDestroy();
    expect(scopes).toMatchObject({
      'orders.health.check.status': 'orders-api',
      'orders.health.probe.status': 'orders-api',
      'orders.health.check.runs': 'orders-api',
      'orders.health.check.duration': 'orders-api',
    });
    expect(stateSetOf(collected['orders.health.check.status'], ...CHECK)).toEqual([
      'db up 1',
      'db degraded 0',
      'db down 0',
    ]);
    expect(pointsOf(collected['orders.health.check.runs'])).toContainEqual({
      attributes: { 'health.check.name': 'db', 'health.check.status': 'degraded' },
      value: 1,
    });
  });

  it('fails with a clear error when HealthModule is not there to provide HealthEvents', () => {
    const orphan = exporterOf(undefined);
    expect(() => orphan.onModuleInit()).toThrow(
      new HealthConfigurationError(OPENTELEMETRY_WITHOUT_HEALTH_MODULE),
    );
    expect(() => orphan.onModuleDestroy()).not.toThrow();
  });

  it('logs a warning instead of throwing into the run that emitted, when a duration cannot be recorded', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    expect(() => events.run('db', 'up', NaN)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain(OPENTELEMETRY_RECORD_FAILED('db', ''));
    expect(warn.mock.calls[0][0]).toContain('NaN');
    events.run('db', 'up', 10);
    const { metrics: collected } = await otel.collect();
    // The run is counted; the histogram's sum is not poisoned by NaN.
    expect(pointsOf(collected['health.check.runs'])[0].value).toBe(2);
    const histogram = histogramOf(collected['health.check.duration'], {
      'health.check.name': 'db',
    })!;
    expect([histogram.count, histogram.sum]).toEqual([1, 0.01]);
  });
});

describe('OpenTelemetryHealthExporter, around the global MeterProvider', () => {
  afterEach(() => {
    metrics.disable();
    jest.restoreAllMocks();
  });

  it('warns, once, that it records nothing when no global MeterProvider is registered', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const events = new FakeEvents();
    const exporter = exporterOf(events, { meterName: 'orders' });
    exporter.onModuleInit();
    events.run('db', 'up', 1);
    exporter.onModuleDestroy();
    expect(warn.mock.calls).toEqual([[OPENTELEMETRY_NO_METER_PROVIDER('orders')]]);
  });

  it('logs a warning when an instrument throws, and carries on with the next run', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const added: number[] = [];
    let broken = true;
    const meter = {
      createObservableGauge: () => ({}),
      addBatchObservableCallback: jest.fn(),
      removeBatchObservableCallback: jest.fn(),
      createCounter: () => ({
        add: (value: number) => {
          if (value === 1 && broken) {
            broken = false;
            throw new Error('exporter broken: password=hunter2');
          }
          added.push(value);
        },
      }),
      createHistogram: () => ({ record: jest.fn() }),
    };
    metrics.setGlobalMeterProvider({ getMeter: () => meter as never });
    const events = new FakeEvents();
    const exporter = exporterOf(events);
    exporter.onModuleInit();
    expect(() => events.run('db', 'down', 1)).not.toThrow();
    events.run('db', 'up', 1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain(OPENTELEMETRY_RECORD_FAILED('db', ''));
    expect(warn.mock.calls[0][0]).not.toContain('hunter2');
    expect(added).toEqual([0, 0, 0, 1]);
    exporter.onModuleDestroy();
    expect(meter.removeBatchObservableCallback).toHaveBeenCalledWith(
      meter.addBatchObservableCallback.mock.calls[0][0],
      meter.addBatchObservableCallback.mock.calls[0][1],
    );
  });
});
