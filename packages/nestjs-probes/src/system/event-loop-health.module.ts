import { type DynamicModule, Module } from '@nestjs/common';
import {
  type OptionFailure,
  type ReadyMadeRegistration,
  registerReadyMadeCheck,
} from '../ready-made/ready-made-check.registrar';
import { registerReadyMadeCheckAsync } from '../ready-made/ready-made-check-async.registrar';
import { checkMilliseconds } from '../ready-made/ready-made.validation';
import { EventLoopHealthCheck } from './event-loop-health.check';
import {
  type EventLoopHealthAsyncOptions,
  type EventLoopHealthOptions,
  type ResolvedEventLoopHealthOptions,
} from './event-loop-health-options.interface';
import { SYSTEM_EXPECTED } from './system-health.validation';
import { EXPECTED_THRESHOLD_ORDER } from './system.messages';

const DEFAULT_EVENT_LOOP_DEGRADED_ABOVE_MS = 100;
/** `monitorEventLoopDelay`'s own default. */
const DEFAULT_EVENT_LOOP_RESOLUTION_MS = 10;

/**
 * Registers a check of this process's event-loop delay (default name `'event-loop'`): the p99
 * over the window since the previous run, from `perf_hooks.monitorEventLoopDelay`, `degraded`
 * above `degradedAboveMs` (100 ms unless set) and `down` above `downAboveMs`. It reads in-process
 * figures only, so it may go in `probe: 'liveness'`.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), EventLoopHealthModule.register({ probe: ['liveness', 'readiness'] })]
 * ```
 * @publicApi
 */
@Module({})
export class EventLoopHealthModule {
  static register(options: EventLoopHealthOptions = {}): DynamicModule {
    return registerReadyMadeCheck({ ...EVENT_LOOP_CHECK, options });
  }

  /** `register()` with the options from `useFactory`, validated while the application bootstraps. */
  static registerAsync(options: EventLoopHealthAsyncOptions): DynamicModule {
    return registerReadyMadeCheckAsync({ ...EVENT_LOOP_CHECK, options });
  }
}

const EVENT_LOOP_CHECK = {
  module: EventLoopHealthModule,
  implementation: EventLoopHealthCheck,
  defaultName: 'event-loop',
  ownOptions: ['degradedAboveMs', 'downAboveMs', 'resolutionMs'],
  resolve: resolveEventLoopOptions,
} satisfies Omit<
  ReadyMadeRegistration<EventLoopHealthOptions, ResolvedEventLoopHealthOptions>,
  'options'
>;

function resolveEventLoopOptions(
  options: EventLoopHealthOptions,
  fail: OptionFailure,
): ResolvedEventLoopHealthOptions {
  const {
    degradedAboveMs = DEFAULT_EVENT_LOOP_DEGRADED_ABOVE_MS,
    downAboveMs,
    resolutionMs = DEFAULT_EVENT_LOOP_RESOLUTION_MS,
  } = options;
  checkMilliseconds('degradedAboveMs', degradedAboveMs, fail);
  checkMilliseconds('downAboveMs', downAboveMs, fail);
  if (downAboveMs !== undefined && downAboveMs <= degradedAboveMs) {
    const defaulted = options.degradedAboveMs === undefined;
    fail(
      'downAboveMs',
      EXPECTED_THRESHOLD_ORDER('more', 'degradedAboveMs', degradedAboveMs, defaulted),
      downAboveMs,
    );
  }
  if (!Number.isSafeInteger(resolutionMs) || resolutionMs < 1) {
    fail('resolutionMs', SYSTEM_EXPECTED.resolution, resolutionMs);
  }
  return { degradedAboveMs, downAboveMs, resolutionMs };
}
