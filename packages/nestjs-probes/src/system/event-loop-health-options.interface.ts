import { type ReadyMadeCheckAsyncOptions, type ReadyMadeCheckOptions } from '../interfaces';

/**
 * Options of `EventLoopHealthModule.register()`.
 *
 * @publicApi
 */
export interface EventLoopHealthOptions extends ReadyMadeCheckOptions {
  /**
   * A p99 event-loop delay above this (milliseconds, over the window since the previous run) is
   * `degraded`.
   * @default 100
   */
  degradedAboveMs?: number;
  /**
   * A p99 delay above this (milliseconds) is `down`. Must be above `degradedAboveMs`.
   * @default undefined (never down)
   */
  downAboveMs?: number;
  /**
   * How often the loop is sampled, in whole milliseconds (`monitorEventLoopDelay`'s `resolution`).
   * @default 10
   */
  resolutionMs?: number;
}

/**
 * Options of `EventLoopHealthModule.registerAsync()`: `useFactory` returns the options of `register()` but
 * `imports` (`@HealthCheck()` options may also sit next to it; the factory's win).
 *
 * @example
 * ```ts
 * EventLoopHealthModule.registerAsync({ inject: [ConfigService], useFactory: (config: ConfigService) => ({ degradedAboveMs: config.get('LOOP_DELAY_MS') }) })
 * ```
 * @publicApi
 */
export type EventLoopHealthAsyncOptions = ReadyMadeCheckAsyncOptions<
  Omit<EventLoopHealthOptions, 'imports'>
>;

/**
 * The details the event-loop check reports: the delay beyond the sampling interval, over the
 * window since the previous run, in milliseconds with one decimal.
 *
 * @publicApi
 */
export interface EventLoopHealthDetails {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How many samples the window holds; 0 when the previous run was less than `resolutionMs` ago. */
  samples: number;
}

/** @internal */
export interface ResolvedEventLoopHealthOptions {
  readonly degradedAboveMs: number;
  readonly downAboveMs?: number;
  readonly resolutionMs: number;
}
