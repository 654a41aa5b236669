import {
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { type Registry } from 'prom-client';

/**
 * Options of `PrometheusHealthModule.register()`.
 *
 * @publicApi
 */
export interface PrometheusHealthOptions {
  /**
   * The prom-client registry the metrics are registered in. Metrics already in it under the same
   * names, registered by an earlier `PrometheusHealthModule` (a previous app of the process), are
   * replaced.
   * @default register (prom-client's default registry, which an existing `/metrics` endpoint serves)
   */
  registry?: Registry;
  /**
   * Prepended, as it is, to every metric name: `prefix: 'orders_'` gives
   * `orders_health_check_status`.
   * @default '' (the names `health_check_status`, `health_check_runs_total`,
   * `health_check_duration_seconds`, `health_probe_status`)
   */
  prefix?: string;
  /**
   * Constant labels added to every series (`{ service: 'orders' }`). Their names may not be
   * `check`, `status`, `probe` or `le`, which the metrics use.
   * @default {}
   */
  labels?: Record<string, string>;
}

/**
 * Options of `PrometheusHealthModule.registerAsync()`: a factory of `PrometheusHealthOptions`, with
 * the providers it injects and the modules exporting them.
 *
 * @example
 * ```ts
 * PrometheusHealthModule.registerAsync({
 *   imports: [MetricsModule],
 *   inject: [METRICS_REGISTRY],
 *   useFactory: (registry: Registry) => ({ registry, prefix: 'orders_' }),
 * })
 * ```
 * @publicApi
 */
export interface PrometheusHealthAsyncOptions {
  /** Modules exporting what `useFactory` injects. */
  imports?: ModuleMetadata['imports'];
  /** The tokens whose values `useFactory` receives, in order. */
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (
    ...args: any[]
  ) => PrometheusHealthOptions | undefined | Promise<PrometheusHealthOptions | undefined>;
}

/** @internal */
export interface ResolvedPrometheusHealthOptions {
  readonly registry: Registry;
  readonly prefix: string;
  readonly labels: Readonly<Record<string, string>>;
}
