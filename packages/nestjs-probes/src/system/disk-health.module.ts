import { type DynamicModule, Module } from '@nestjs/common';
import { resolve as resolvePath } from 'node:path';
import {
  type OptionFailure,
  type ReadyMadeRegistration,
  registerReadyMadeCheck,
} from '../ready-made/ready-made-check.registrar';
import { registerReadyMadeCheckAsync } from '../ready-made/ready-made-check-async.registrar';
import { DiskHealthCheck } from './disk-health.check';
import {
  type DiskHealthAsyncOptions,
  type DiskHealthOptions,
  type ResolvedDiskHealthOptions,
} from './disk-health-options.interface';
import {
  checkThresholdOrder,
  resolveThreshold,
  type ThresholdUnits,
} from './health-threshold.util';
import { SYSTEM_EXPECTED } from './system-health.validation';

const DISK_UNITS: ThresholdUnits<'bytes' | 'percent'> = { bytes: 'bytes', percent: 'percent' };

/** Spring Boot's `management.health.diskspace.threshold`. */
const DEFAULT_DISK_DOWN_BELOW = { bytes: 10 * 1024 * 1024 } as const;

/**
 * Registers a check of the free space on the file system holding `path` (default name `'disk'`):
 * `down` below `downBelow` (10 MiB unless set), `degraded` below `degradedBelow`, with free and total
 * bytes and the free percentage as details. A missing or unreadable path is `down`, never a 500.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), DiskHealthModule.register({ path: '/data', degradedBelow: { percent: 10 } })]
 * ```
 * @publicApi
 */
@Module({})
export class DiskHealthModule {
  static register(options: DiskHealthOptions = {}): DynamicModule {
    return registerReadyMadeCheck({ ...DISK_CHECK, options });
  }

  /** `register()` with the options from `useFactory`, validated while the application bootstraps. */
  static registerAsync(options: DiskHealthAsyncOptions): DynamicModule {
    return registerReadyMadeCheckAsync({ ...DISK_CHECK, options });
  }
}

const DISK_CHECK = {
  module: DiskHealthModule,
  implementation: DiskHealthCheck,
  defaultName: 'disk',
  ownOptions: ['path', 'downBelow', 'degradedBelow'],
  resolve: resolveDiskOptions,
} satisfies Omit<ReadyMadeRegistration<DiskHealthOptions, ResolvedDiskHealthOptions>, 'options'>;

function resolveDiskOptions(
  { path = process.cwd(), downBelow, degradedBelow }: DiskHealthOptions,
  fail: OptionFailure,
): ResolvedDiskHealthOptions {
  if (typeof path !== 'string' || path === '') fail('path', SYSTEM_EXPECTED.diskPath, path);
  const down =
    downBelow === undefined
      ? DEFAULT_DISK_DOWN_BELOW
      : resolveThreshold('downBelow', downBelow, DISK_UNITS, fail);
  if (degradedBelow === undefined) return { path: resolvePath(path), downBelow: down };
  const degraded = resolveThreshold('degradedBelow', degradedBelow, DISK_UNITS, fail);
  checkThresholdOrder(
    {
      direction: 'below',
      down: { option: 'downBelow', value: down, defaulted: downBelow === undefined },
      degraded: { option: 'degradedBelow', value: degraded, defaulted: false },
    },
    fail,
  );
  return { path: resolvePath(path), downBelow: down, degradedBelow: degraded };
}
