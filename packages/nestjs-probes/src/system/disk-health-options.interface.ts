import { type ReadyMadeCheckAsyncOptions, type ReadyMadeCheckOptions } from '../interfaces';

/**
 * A free-space threshold of `DiskHealthModule`, crossed when free space falls below any field set.
 *
 * @publicApi
 */
export interface DiskSpaceThreshold {
  /** Free bytes, as available to the process's user (`bavail * bsize`). */
  bytes?: number;
  /** Free space as a percentage of the file system's size, in (0, 100]. */
  percent?: number;
}

/**
 * Options of `DiskHealthModule.register()`.
 *
 * @publicApi
 */
export interface DiskHealthOptions extends ReadyMadeCheckOptions {
  /**
   * A path on the file system to watch, resolved against the working directory at bootstrap. It is
   * never shown in the details or errors.
   * @default process.cwd()
   */
  path?: string;
  /**
   * Below this the check is `down` (the probe fails when the check is critical).
   * @default { bytes: 10 * 1024 * 1024 } (10 MiB, as Spring Boot's disk space indicator)
   */
  downBelow?: DiskSpaceThreshold;
  /**
   * Below this the check is `degraded`. Each field must be above its `downBelow` counterpart.
   * @default undefined (no degraded tier)
   */
  degradedBelow?: DiskSpaceThreshold;
}

/**
 * Options of `DiskHealthModule.registerAsync()`: `useFactory` returns the options of `register()` but
 * `imports` (`@HealthCheck()` options may also sit next to it; the factory's win).
 *
 * @example
 * ```ts
 * DiskHealthModule.registerAsync({ inject: [ConfigService], useFactory: (config: ConfigService) => ({ path: config.get('DATA_DIR') }) })
 * ```
 * @publicApi
 */
export type DiskHealthAsyncOptions = ReadyMadeCheckAsyncOptions<Omit<DiskHealthOptions, 'imports'>>;

/**
 * The details the disk check reports.
 *
 * @publicApi
 */
export interface DiskHealthDetails {
  /** Bytes available to the process's user. */
  freeBytes: number;
  totalBytes: number;
  /** `freeBytes` as a percentage of `totalBytes`, one decimal. */
  freePercent: number;
}

/** @internal */
export interface ResolvedDiskHealthOptions {
  readonly path: string;
  readonly downBelow: Readonly<DiskSpaceThreshold>;
  readonly degradedBelow?: Readonly<DiskSpaceThreshold>;
}
