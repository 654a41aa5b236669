import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import { type Subscription } from 'rxjs';
import { HealthConfigurationError } from '../errors';
import { HealthEvents } from '../events/health-events';
import { LOGGER_CONTEXT } from '../health.constants';
import { type HealthCheckRun } from '../events/health-status-change.interface';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { DURATION_BUCKETS } from '../metrics/duration-buckets';
import { recordingSafely } from '../metrics/run-recorder';
import {
  METRIC_NAMES,
  OWN_METRIC,
  PROMETHEUS_RESOLVED_OPTIONS,
} from './prometheus-health.constants';
import { type ResolvedPrometheusHealthOptions } from './prometheus-health-options.interface';
import {
  PROMETHEUS_METRIC_TAKEN,
  PROMETHEUS_RECORD_FAILED,
  PROMETHEUS_WITHOUT_HEALTH_MODULE,
} from './prometheus.messages';

/** @internal Every status, each a series of the state-set gauges. */
export const STATUSES: readonly HealthStatus[] = ['up', 'degraded', 'down'];

type Labels = Record<string, string>;

/**
 * Exports the health module's state to a prom-client registry. The two status gauges are filled
 * when the registry is scraped, from `HealthEvents.snapshot()` (so a scrape never runs a check);
 * the run counter and the duration histogram are fed by `HealthEvents.runs$`.
 *
 * @internal
 */
@Injectable()
export class PrometheusHealthExporter implements OnModuleInit, OnModuleDestroy {
  private readonly registry: Registry;
  private readonly names: Record<keyof typeof METRIC_NAMES, string>;
  private readonly metrics: Metric[] = [];
  private readonly seenChecks = new Set<string>();
  private readonly logger = new Logger(LOGGER_CONTEXT);
  private events?: HealthEvents;
  private subscription?: Subscription;
  private runs?: Counter;
  private durations?: Histogram;

  constructor(
    @Inject(PROMETHEUS_RESOLVED_OPTIONS) private readonly options: ResolvedPrometheusHealthOptions,
    @Optional() private readonly injected?: HealthEvents,
  ) {
    this.registry = options.registry;
    const prefixed = Object.entries(METRIC_NAMES).map(([key, name]) => [
      key,
      options.prefix + name,
    ]);
    this.names = Object.fromEntries(prefixed) as Record<keyof typeof METRIC_NAMES, string>;
  }

  onModuleInit(): void {
    // HealthModule is global: HealthEvents is missing only when it is not imported at all.
    if (!this.injected) throw new HealthConfigurationError(PROMETHEUS_WITHOUT_HEALTH_MODULE);
    this.events = this.injected;
    this.takeNames();
    this.register();
    this.subscription = this.events.runs$.subscribe(
      recordingSafely((run) => this.record(run), this.logger, PROMETHEUS_RECORD_FAILED),
    );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    // Only ours: a later app may already have replaced them in a shared registry.
    for (const metric of this.metrics) {
      const name = (metric as unknown as { name: string }).name;
      if (this.registry.getSingleMetric(name) === metric) this.registry.removeSingleMetric(name);
    }
    this.metrics.length = 0;
  }

  /** Frees the names an earlier registration took, and fails on a metric that is not ours. */
  private takeNames(): void {
    for (const name of Object.values(this.names)) {
      const existing = this.registry.getSingleMetric(name) as Record<symbol, unknown> | undefined;
      if (existing && existing[OWN_METRIC] !== true) {
        throw new HealthConfigurationError(PROMETHEUS_METRIC_TAKEN(name));
      }
    }
    for (const name of Object.values(this.names)) {
      if (this.registry.getSingleMetric(name)) this.registry.removeSingleMetric(name);
    }
  }

  private register(): void {
    const constant = this.options.labels;
    const extra = Object.keys(constant);
    const registers = [this.registry];
    const events = this.events!;
    // `collect` runs with the gauge as `this`, on every scrape.
    const checkStatus = new Gauge({
      name: this.names.checkStatus,
      help: 'Current status of each health check: 1 for the status it has (up, degraded or down), 0 for the other two.',
      labelNames: ['check', 'status', ...extra],
      registers,
      collect(this: Gauge) {
        this.reset();
        for (const { name, status } of events.snapshot().checks) {
          setStateSet(this, { check: name }, status, constant);
        }
      },
    });
    const probeStatus = new Gauge({
      name: this.names.probeStatus,
      help: 'Current status of each probe (liveness, readiness, startup): 1 for the status it has (up, degraded or down), 0 for the other two.',
      labelNames: ['probe', 'status', ...extra],
      registers,
      collect(this: Gauge) {
        this.reset();
        const { probes } = events.snapshot();
        for (const probe of Object.keys(probes) as ProbeKind[]) {
          setStateSet(this, { probe }, probes[probe], constant);
        }
      },
    });
    this.runs = new Counter({
      name: this.names.checkRuns,
      help: 'Completed runs of each health check, by outcome (before flap damping).',
      labelNames: ['check', 'status', ...extra],
      registers,
    });
    this.durations = new Histogram({
      name: this.names.checkDuration,
      help: 'Duration of the runs of each health check, in seconds.',
      labelNames: ['check', ...extra],
      buckets: [...DURATION_BUCKETS],
      registers,
    });
    for (const metric of [checkStatus, probeStatus, this.runs, this.durations]) {
      Object.defineProperty(metric, OWN_METRIC, { value: true });
      this.metrics.push(metric);
    }
  }

  private record({ name, status, durationMs }: HealthCheckRun): void {
    const constant = this.options.labels;
    // Every outcome from the first run on, so that `increase()` sees the first failure.
    if (!this.seenChecks.has(name)) {
      this.seenChecks.add(name);
      for (const each of STATUSES) this.runs!.inc({ check: name, status: each, ...constant }, 0);
    }
    this.runs!.inc({ check: name, status, ...constant });
    this.durations!.observe({ check: name, ...constant }, Math.max(0, durationMs) / 1000);
  }
}

function setStateSet(
  gauge: Gauge,
  subject: Labels,
  current: HealthStatus,
  constant: Readonly<Labels>,
): void {
  for (const status of STATUSES) {
    gauge.set({ ...subject, status, ...constant }, status === current ? 1 : 0);
  }
}
