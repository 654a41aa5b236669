import { type ReadyMadeCheckAsyncOptions, type ReadyMadeCheckOptions } from '../interfaces';

/**
 * A memory threshold of `MemoryHealthModule`, crossed when any figure set is exceeded.
 *
 * @publicApi
 */
export interface MemoryThreshold {
  /** Heap in use as a percentage of V8's heap size limit (`--max-old-space-size`), in (0, 100]. */
  heapPercent?: number;
  /** Heap in use, in bytes. */
  heapBytes?: number;
  /** Resident set size of the process, in bytes. */
  rssBytes?: number;
}

/**
 * Options of `MemoryHealthModule.register()`.
 *
 * @publicApi
 */
export interface MemoryHealthOptions extends ReadyMadeCheckOptions {
  /**
   * Above this the check is `degraded`.
   * @default { heapPercent: 90 }
   */
  degradedAbove?: MemoryThreshold;
  /**
   * Above this the check is `down`. Each field must be above its `degradedAbove` counterpart.
   * @default undefined (never down)
   */
  downAbove?: MemoryThreshold;
}

/**
 * Options of `MemoryHealthModule.registerAsync()`: `useFactory` returns the options of `register()` but
 * `imports` (`@HealthCheck()` options may also sit next to it; the factory's win).
 *
 * @example
 * ```ts
 * MemoryHealthModule.registerAsync({ inject: [ConfigService], useFactory: (config: ConfigService) => ({ downAbove: { rssBytes: config.get('MAX_RSS') } }) })
 * ```
 * @publicApi
 */
export type MemoryHealthAsyncOptions = ReadyMadeCheckAsyncOptions<
  Omit<MemoryHealthOptions, 'imports'>
>;

/**
 * The details the memory check reports.
 *
 * @publicApi
 */
export interface MemoryHealthDetails {
  heapUsedBytes: number;
  /** V8's heap size limit. */
  heapLimitBytes: number;
  /** `heapUsedBytes` as a percentage of `heapLimitBytes`, one decimal. */
  heapUsedPercent: number;
  rssBytes: number;
}

/** @internal */
export interface ResolvedMemoryHealthOptions {
  readonly degradedAbove: Readonly<MemoryThreshold>;
  readonly downAbove?: Readonly<MemoryThreshold>;
}
