import { Logger } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { HealthConfigurationError } from '../errors';
import { type HealthEvents } from '../events/health-events';
import { DURATION_BUCKET_LABELS, FakeEvents } from '../metrics/metrics.testing';
import { PrometheusHealthExporter } from './health-metrics.exporter';
import { type ResolvedPrometheusHealthOptions } from './prometheus-health-options.interface';
import {
  PROMETHEUS_METRIC_TAKEN,
  PROMETHEUS_RECORD_FAILED,
  PROMETHEUS_WITHOUT_HEALTH_MODULE,
} from './prometheus.messages';

function exporterOf(
  events: FakeEvents,
  options: Partial<ResolvedPrometheusHealthOptions> = {},
): PrometheusHealthExporter {
  const resolved = { registry: new Registry(), prefix: '', labels: {}, ...options };
  return new PrometheusHealthExporter(resolved, events as unknown as HealthEvents);
}

/** The series of one metric, without its HELP and TYPE lines. */
async function seriesOf(registry: Registry, name: string): Promise<string[]> {
  const text = await registry.getSingleMetricAsString(name);
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

describe('PrometheusHealthExporter', () => {
  let registry: Registry;
  let events: FakeEvents;
  let exporter: PrometheusHealthExporter;

  beforeEach(() => {
    registry = new Registry();
    events = new FakeEvents();
    exporter = exporterOf(events, { registry });
    exporter.onModuleInit();
  });

  afterEach(() => exporter.onModuleDestroy());

  it('registers the four metrics, with their types', async () => {
    expect(registry.getMetricsAsArray().map(({ name }) => name)).toEqual([
      'health_check_status',
      'health_probe_status',
      'health_check_runs_total',
      'health_check_duration_seconds',
    ]);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE health_check_status gauge');
    expect(text).toContain('# TYPE health_probe_status gauge');
    expect(text).toContain('# TYPE health_check_runs_total counter');
    expect(text).toContain('# TYPE health_check_duration_seconds histogram');
  });

  it('reads the status gauges from the snapshot at each scrape, as state sets', async () => {
    events.current = {
      checks: [
        { name: 'db', status: 'up', critical: true },
        { name: 'cache', status: 'degraded', critical: false },
      ],
      probes: { liveness: 'up', readiness: 'degraded', startup: 'up' },
    };
    expect(await seriesOf(registry, 'health_check_status')).toEqual([
      'health_check_status{check="db",status="up"} 1',
      'health_check_status{check="db",status="degraded"} 0',
      'health_check_status{check="db",status="down"} 0',
      'health_check_status{check="cache",status="up"} 0',
      'health_check_status{check="cache",status="degraded"} 1',
      'health_check_status{check="cache",status="down"} 0',
    ]);
    events.current = {
      checks: [{ name: 'db', status: 'down', critical: true }],
      probes: { liveness: 'up', readiness: 'down', startup: 'up' },
    };
    expect(await seriesOf(registry, 'health_check_status')).toEqual([
      'health_check_status{check="db",status="up"} 0',
      'health_check_status{check="db",status="degraded"} 0',
      'health_check_status{check="db",status="down"} 1',
    ]);
    expect(await seriesOf(registry, 'health_probe_status')).toEqual([
      'health_probe_status{probe="liveness",status="up"} 1',
      'health_probe_status{probe="liveness",status="degraded"} 0',
      'health_probe_status{probe="liveness",status="down"} 0',
      'health_probe_status{probe="readiness",status="up"} 0',
      'health_probe_status{probe="readiness",status="degraded"} 0',
      'health_probe_status{probe="readiness",status="down"} 1',
      'health_probe_status{probe="startup",status="up"} 1',
      'health_probe_status{probe="startup",status="degraded"} 0',
      'health_probe_status{probe="startup",status="down"} 0',
    ]);
  });

  it('counts runs by outcome, every outcome from the first run on, and observes durations', async () => {
    events.run('db', 'up', 4);
    events.run('db', 'down', 1200);
    events.run('db', 'up', 30);
    expect(await seriesOf(registry, 'health_check_runs_total')).toEqual([
      'health_check_runs_total{check="db",status="up"} 2',
      'health_check_runs_total{check="db",status="degraded"} 0',
      'health_check_runs_total{check="db",status="down"} 1',
    ]);
    const durations = await seriesOf(registry, 'health_check_duration_seconds');
    expect(durations).toEqual(
      expect.arrayContaining([
        'health_check_duration_seconds_bucket{le="0.001",check="db"} 0',
        'health_check_duration_seconds_bucket{le="0.005",check="db"} 1',
        'health_check_duration_seconds_bucket{le="0.05",check="db"} 2',
        'health_check_duration_seconds_bucket{le="1",check="db"} 2',
        'health_check_duration_seconds_bucket{le="2.5",check="db"} 3',
        'health_check_duration_seconds_bucket{le="10",check="db"} 3',
        'health_check_duration_seconds_bucket{le="+Inf",check="db"} 3',
        'health_check_duration_seconds_sum{check="db"} 1.234',
        'health_check_duration_seconds_count{check="db"} 3',
      ]),
    );
    const buckets = durations.filter((line) => line.includes('_bucket{'));
    expect(buckets.map((line) => /le="([^"]+)"/.exec(line)![1])).toEqual(
      DURATION_BUCKET_LABELS.concat('+Inf'),
    );
  });

  it('never reads the snapshot but on a scrape, once per status gauge', async () => {
    events.run('db', 'up', 1);
    expect(events.snapshots).toBe(0);
    await registry.metrics();
    expect(events.snapshots).toBe(2);
  });

  it('stops counting and leaves the registry on destroy', async () => {
    exporter.onModuleDestroy();
    expect(registry.getMetricsAsArray()).toEqual([]);
    expect(events.runs.observed).toBe(false);
  });

  it('replaces the metrics of an earlier registration, which then leaves the new ones alone', async () => {
    events.run('db', 'down', 1);
    const next = new FakeEvents();
    next.current = { ...next.current, checks: [{ name: 'queue', status: 'up', critical: true }] };
    const second = exporterOf(next, { registry });
    second.onModuleInit();
    next.run('queue', 'up', 1);
    exporter.onModuleDestroy();
    expect(registry.getMetricsAsArray()).toHaveLength(4);
    expect(await seriesOf(registry, 'health_check_runs_total')).toEqual([
      'health_check_runs_total{check="queue",status="up"} 1',
      'health_check_runs_total{check="queue",status="degraded"} 0',
      'health_check_runs_total{check="queue",status="down"} 0',
    ]);
    expect(await seriesOf(registry, 'health_check_status')).toEqual([
      'health_check_status{check="queue",status="up"} 1',
      'health_check_status{check="queue",status="degraded"} 0',
      'health_check_status{check="queue",status="down"} 0',
    ]);
    second.onModuleDestroy();
    expect(registry.getMetricsAsArray()).toEqual([]);
  });

  it('refuses a registry holding a metric of the same name it did not register, taking none', () => {
    const foreign = new Registry();
    new Counter({ name: 'health_check_runs_total', help: 'mine', registers: [foreign] });
    const other = exporterOf(new FakeEvents(), { registry: foreign });
    expect(() => other.onModuleInit()).toThrow(
      new HealthConfigurationError(PROMETHEUS_METRIC_TAKEN('health_check_runs_total')),
    );
    expect(foreign.getMetricsAsArray().map(({ name }) => name)).toEqual([
      'health_check_runs_total',
    ]);
  });

  it('prepends the prefix to every name and adds the constant labels to every series', async () => {
    const own = new Registry();
    const prefixed = new FakeEvents();
    prefixed.current = {
      ...prefixed.current,
      checks: [{ name: 'db', status: 'up', critical: true }],
    };
    const other = exporterOf(prefixed, {
      registry: own,
      prefix: 'orders_',
      labels: { env: 'prod' },
    });
    other.onModuleInit();
    prefixed.run('db', 'degraded', 2);
    expect(own.getMetricsAsArray().map(({ name }) => name)).toEqual([
      'orders_health_check_status',
      'orders_health_probe_status',
      'orders_health_check_runs_total',
      'orders_health_check_duration_seconds',
    ]);
    expect(await seriesOf(own, 'orders_health_check_status')).toContain(
      'orders_health_check_status{check="db",status="up",env="prod"} 1',
    );
    expect(await seriesOf(own, 'orders_health_probe_status')).toContain(
      'orders_health_probe_status{probe="readiness",status="up",env="prod"} 1',
    );
    expect(await seriesOf(own, 'orders_health_check_runs_total')).toContain(
      'orders_health_check_runs_total{check="db",status="degraded",env="prod"} 1',
    );
    expect(await seriesOf(own, 'orders_health_check_duration_seconds')).toContain(
      'orders_health_check_duration_seconds_count{check="db",env="prod"} 1',
    );
    other.onModuleDestroy();
  });

  it('fails with a clear error when HealthModule is not there to provide HealthEvents', () => {
    const resolved = { registry: new Registry(), prefix: '', labels: {} };
    const orphan = new PrometheusHealthExporter(resolved, undefined);
    expect(() => orphan.onModuleInit()).toThrow(
      new HealthConfigurationError(PROMETHEUS_WITHOUT_HEALTH_MODULE),
    );
    expect(resolved.registry.getMetricsAsArray()).toEqual([]);
  });

  it('keeps a user gauge of another name untouched', async () => {
    new Gauge({ name: 'app_queue_depth', help: 'depth', registers: [registry] }).set(3);
    exporter.onModuleDestroy();
    expect(await registry.metrics()).toContain('app_queue_depth 3');
  });
});

describe('PrometheusHealthExporter, when recording fails', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a warning instead of throwing into the run that emitted', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const events = new FakeEvents();
    const exporter = exporterOf(events);
    exporter.onModuleInit();
    // prom-client refuses to observe NaN.
    expect(() => events.run('db', 'up', NaN)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain(PROMETHEUS_RECORD_FAILED('db', ''));
    expect(warn.mock.calls[0][0]).toContain('NaN');
    exporter.onModuleDestroy();
  });
});
