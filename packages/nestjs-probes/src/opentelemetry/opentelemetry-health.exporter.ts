import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import {
  type Attributes,
  type BatchObservableCallback,
  type BatchObservableResult,
  type Counter,
  createNoopMeter,
  type Histogram,
  type Meter,
  metrics,
  type ObservableGauge,
  ValueType,
} from '@opentelemetry/api';
import { type Subscription } from 'rxjs';
import { HealthConfigurationError } from '../errors';
import { HealthEvents } from '../events/health-events';
import { type HealthCheckRun } from '../events/health-status-change.interface';
import { LOGGER_CONTEXT } from '../health.constants';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { DURATION_BUCKETS } from '../metrics/duration-buckets';
import { recordingSafely } from '../metrics/run-recorder';
import {
  ATTRIBUTES,
  INSTRUMENT_NAMES,
  OPENTELEMETRY_RESOLVED_OPTIONS,
  STATUSES,
} from './opentelemetry-health.constants';
import { type ResolvedOpenTelemetryHealthOptions } from './opentelemetry-health-options.interface';
import {
  OPENTELEMETRY_NO_METER_PROVIDER,
  OPENTELEMETRY_RECORD_FAILED,
  OPENTELEMETRY_WITHOUT_HEALTH_MODULE,
} from './opentelemetry.messages';

/** @internal The descriptions of the instruments, as exporters show them. */
export const DESCRIPTIONS = {
  checkStatus:
    'Current status of each health check: 1 for the status it has (up, degraded or down), 0 for the other two.',
  probeStatus:
    'Current status of each probe (liveness, readiness, startup): 1 for the status it has (up, degraded or down), 0 for the other two.',
  checkDuration: 'Duration of the runs of each health check.',
  checkRuns: 'Completed runs of each health check, by outcome (before flap damping).',
} as const;

/**
 * Reports the health module's state through OpenTelemetry instruments on a meter of the global
 * `MeterProvider`. The two status gauges are observed when the SDK collects, from
 * `HealthEvents.snapshot()` read once per collection (so a collection never runs a check); the
 * run counter and the duration histogram are fed by `HealthEvents.runs$`.
 *
 * @internal
 */
@Injectable()
export class OpenTelemetryHealthExporter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LOGGER_CONTEXT);
  private readonly seenChecks = new Set<string>();
  private subscription?: Subscription;
  private meter?: Meter;
  private observables?: [ObservableGauge, ObservableGauge];
  private observe?: BatchObservableCallback;
  private runs?: Counter;
  private durations?: Histogram;

  constructor(
    @Inject(OPENTELEMETRY_RESOLVED_OPTIONS)
    private readonly options: ResolvedOpenTelemetryHealthOptions,
    @Optional() private readonly injected?: HealthEvents,
  ) {}

  onModuleInit(): void {
    // HealthModule is global: HealthEvents is missing only when it is not imported at all.
    if (!this.injected) throw new HealthConfigurationError(OPENTELEMETRY_WITHOUT_HEALTH_MODULE);
    const events = this.injected;
    const { meterName, prefix } = this.options;
    // The API has no proxy meter: one taken before the SDK is registered stays a no-op for good.
    const meter = metrics.getMeter(meterName);
    if (meter === createNoopMeter()) this.logger.warn(OPENTELEMETRY_NO_METER_PROVIDER(meterName));
    this.meter = meter;

    const checkStatus = meter.createObservableGauge(prefix + INSTRUMENT_NAMES.checkStatus, {
      description: DESCRIPTIONS.checkStatus,
      unit: '{check}',
      valueType: ValueType.INT,
    });
    const probeStatus = meter.createObservableGauge(prefix + INSTRUMENT_NAMES.probeStatus, {
      description: DESCRIPTIONS.probeStatus,
      unit: '{probe}',
      valueType: ValueType.INT,
    });
    this.observables = [checkStatus, probeStatus];
    this.observe = (result: BatchObservableResult) => {
      const { checks, probes } = events.snapshot();
      for (const { name, status } of checks) {
        const check = { [ATTRIBUTES.checkName]: name };
        observeStateSet(result, checkStatus, check, ATTRIBUTES.checkStatus, status);
      }
      for (const probe of Object.keys(probes) as ProbeKind[]) {
        const subject = { [ATTRIBUTES.probeName]: probe };
        observeStateSet(result, probeStatus, subject, ATTRIBUTES.probeStatus, probes[probe]);
      }
    };
    meter.addBatchObservableCallback(this.observe, this.observables);

    this.runs = meter.createCounter(prefix + INSTRUMENT_NAMES.checkRuns, {
      description: DESCRIPTIONS.checkRuns,
      unit: '{run}',
      valueType: ValueType.INT,
    });
    this.durations = meter.createHistogram(prefix + INSTRUMENT_NAMES.checkDuration, {
      description: DESCRIPTIONS.checkDuration,
      unit: 's',
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
    });
    this.subscription = events.runs$.subscribe(
      recordingSafely((run) => this.record(run), this.logger, OPENTELEMETRY_RECORD_FAILED),
    );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    // Synchronous instruments cannot be taken off a meter; the callback that reads the snapshot
    // (and so keeps this application reachable) can.
    if (this.meter && this.observe && this.observables) {
      this.meter.removeBatchObservableCallback(this.observe, this.observables);
    }
    this.observe = undefined;
    this.observables = undefined;
    this.meter = undefined;
  }

  private record({ name, status, durationMs }: HealthCheckRun): void {
    const check = { [ATTRIBUTES.checkName]: name };
    // Every outcome from the first run on, so that a rate sees the first failure.
    if (!this.seenChecks.has(name)) {
      this.seenChecks.add(name);
      for (const each of STATUSES) this.runs!.add(0, { ...check, [ATTRIBUTES.checkStatus]: each });
    }
    this.runs!.add(1, { ...check, [ATTRIBUTES.checkStatus]: status });
    // The SDK would add NaN to the histogram's sum for good; a negative value it drops silently.
    if (!Number.isFinite(durationMs)) {
      throw new Error(`its duration (${durationMs} ms) is not a finite number`);
    }
    this.durations!.record(Math.max(0, durationMs) / 1000, check);
  }
}

/** One data point per status, `statusKey` naming it: 1 for `current`, 0 for the other two. */
function observeStateSet(
  result: BatchObservableResult,
  gauge: ObservableGauge,
  subject: Attributes,
  statusKey: string,
  current: HealthStatus,
): void {
  for (const status of STATUSES) {
    result.observe(gauge, status === current ? 1 : 0, { ...subject, [statusKey]: status });
  }
}
