import { metrics } from '@opentelemetry/api';
import {
  type DataPoint,
  type Histogram,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';

/** A reader that collects only when asked: what a pull exporter (Prometheus) does on a scrape. */
export class OnDemandMetricReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** One collection, by instrument name; `scopes` names the meter of each instrument. */
export interface Collection {
  readonly metrics: Readonly<Record<string, MetricData>>;
  readonly scopes: Readonly<Record<string, string>>;
}

/**
 * A real OpenTelemetry SDK `MeterProvider`, registered as the global one until `uninstall()`
 * (which also shuts it down), read through an `OnDemandMetricReader`.
 */
export class InMemoryMetrics {
  readonly reader = new OnDemandMetricReader();
  readonly provider = new MeterProvider({ readers: [this.reader] });

  /** Registers the provider globally; fails if another one already is. */
  static install(): InMemoryMetrics {
    const installed = new InMemoryMetrics();
    if (!metrics.setGlobalMeterProvider(installed.provider)) {
      throw new Error('a global MeterProvider is already registered');
    }
    return installed;
  }

  async collect(): Promise<Collection> {
    const { resourceMetrics, errors } = await this.reader.collect();
    if (errors.length > 0) throw errors[0];
    const byName: Record<string, MetricData> = {};
    const scopes: Record<string, string> = {};
    for (const { scope, metrics: all } of resourceMetrics.scopeMetrics) {
      for (const metric of all) {
        byName[metric.descriptor.name] = metric;
        scopes[metric.descriptor.name] = scope.name;
      }
    }
    return { metrics: byName, scopes };
  }

  async uninstall(): Promise<void> {
    metrics.disable();
    await this.provider.shutdown();
  }
}

/** The data points of `metric` (none when it was not collected), attributes and value only. */
export function pointsOf<T = number>(
  metric: MetricData | undefined,
): { attributes: Record<string, unknown>; value: T }[] {
  const points = (metric?.dataPoints ?? []) as DataPoint<unknown>[];
  return points.map(({ attributes, value }) => ({
    attributes: { ...attributes },
    value: value as T,
  }));
}

/** `check` or `probe` name, then status, then value: one line per data point of a state set. */
export function stateSetOf(metric: MetricData | undefined, nameKey: string, statusKey: string) {
  return pointsOf(metric).map(
    ({ attributes, value }) => `${attributes[nameKey]} ${attributes[statusKey]} ${value}`,
  );
}

/** The histogram data point of the given attributes. */
export function histogramOf(
  metric: MetricData | undefined,
  attributes: Record<string, unknown>,
): Histogram | undefined {
  return pointsOf<Histogram>(metric).find(
    (point) => JSON.stringify(point.attributes) === JSON.stringify(attributes),
  )?.value;
}
