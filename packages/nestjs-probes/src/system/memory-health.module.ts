import { type DynamicModule, Module } from '@nestjs/common';
import {
  type OptionFailure,
  type ReadyMadeRegistration,
  registerReadyMadeCheck,
} from '../ready-made/ready-made-check.registrar';
import { registerReadyMadeCheckAsync } from '../ready-made/ready-made-check-async.registrar';
import {
  checkThresholdOrder,
  resolveThreshold,
  type ThresholdUnits,
} from './health-threshold.util';
import { MemoryHealthCheck } from './memory-health.check';
import {
  type MemoryHealthAsyncOptions,
  type MemoryHealthOptions,
  type MemoryThreshold,
  type ResolvedMemoryHealthOptions,
} from './memory-health-options.interface';

const MEMORY_UNITS: ThresholdUnits<keyof MemoryThreshold> = {
  heapPercent: 'percent',
  heapBytes: 'bytes',
  rssBytes: 'bytes',
};

const DEFAULT_MEMORY_DEGRADED_ABOVE = { heapPercent: 90 } as const;

/**
 * Registers a check of this process's memory (default name `'memory'`): `degraded` above
 * `degradedAbove` (90% of V8's heap limit unless set), `down` above `downAbove`, with heap and RSS
 * figures as details. It reads in-process figures only, so it may go in `probe: 'liveness'`; but a
 * liveness failure restarts the pod, so give it a `downAbove` only if a restart is the cure.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), MemoryHealthModule.register({ downAbove: { rssBytes: 1.5 * 1024 ** 3 } })]
 * ```
 * @publicApi
 */
@Module({})
export class MemoryHealthModule {
  static register(options: MemoryHealthOptions = {}): DynamicModule {
    return registerReadyMadeCheck({ ...MEMORY_CHECK, options });
  }

  /** `register()` with the options from `useFactory`, validated while the application bootstraps. */
  static registerAsync(options: MemoryHealthAsyncOptions): DynamicModule {
    return registerReadyMadeCheckAsync({ ...MEMORY_CHECK, options });
  }
}

const MEMORY_CHECK = {
  module: MemoryHealthModule,
  implementation: MemoryHealthCheck,
  defaultName: 'memory',
  ownOptions: ['degradedAbove', 'downAbove'],
  resolve: resolveMemoryOptions,
} satisfies Omit<
  ReadyMadeRegistration<MemoryHealthOptions, ResolvedMemoryHealthOptions>,
  'options'
>;

function resolveMemoryOptions(
  { degradedAbove, downAbove }: MemoryHealthOptions,
  fail: OptionFailure,
): ResolvedMemoryHealthOptions {
  const degraded =
    degradedAbove === undefined
      ? DEFAULT_MEMORY_DEGRADED_ABOVE
      : resolveThreshold('degradedAbove', degradedAbove, MEMORY_UNITS, fail);
  if (downAbove === undefined) return { degradedAbove: degraded };
  const down = resolveThreshold('downAbove', downAbove, MEMORY_UNITS, fail);
  checkThresholdOrder(
    {
      direction: 'above',
      down: { option: 'downAbove', value: down, defaulted: false },
      degraded: {
        option: 'degradedAbove',
        value: degraded,
        defaulted: degradedAbove === undefined,
      },
    },
    fail,
  );
  return { degradedAbove: degraded, downAbove: down };
}
