import {
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';

/**
 * Options of `OpenTelemetryHealthModule.register()`.
 *
 * @publicApi
 */
export interface OpenTelemetryHealthOptions {
  /**
   * The name of the meter (the instrumentation scope) the instruments are created on, from the
   * global `MeterProvider`.
   * @default 'nestjs-probes'
   */
  meterName?: string;
  /**
   * Prepended, as it is, to every instrument name: `prefix: 'orders.'` gives
   * `orders.health.check.status`. Letters, digits and `_ . - /`, starting with a letter.
   * @default '' (the names `health.check.status`, `health.probe.status`, `health.check.duration`,
   * `health.check.runs`)
   */
  prefix?: string;
}

/**
 * Options of `OpenTelemetryHealthModule.registerAsync()`: a factory of
 * `OpenTelemetryHealthOptions`, with the providers it injects and the modules exporting them.
 *
 * @example
 * ```ts
 * OpenTelemetryHealthModule.registerAsync({
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ meterName: config.get('SERVICE_NAME') }),
 * })
 * ```
 * @publicApi
 */
export interface OpenTelemetryHealthAsyncOptions {
  /** Modules exporting what `useFactory` injects. */
  imports?: ModuleMetadata['imports'];
  /** The tokens whose values `useFactory` receives, in order. */
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (
    ...args: any[]
  ) => OpenTelemetryHealthOptions | undefined | Promise<OpenTelemetryHealthOptions | undefined>;
}

/** @internal */
export interface ResolvedOpenTelemetryHealthOptions {
  readonly meterName: string;
  readonly prefix: string;
}
