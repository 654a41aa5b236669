import { type DynamicModule, Module } from '@nestjs/common';
import { EXPECTED_THRESHOLD_ORDER } from '../health.messages';
import { EXPECTED_READY_MADE, isPositiveFinite } from '../utils/option-validators.util';
import {
  type OptionFailure,
  registerReadyMadeCheck,
} from '../utils/register-ready-made-check.util';
import { EventLoopHealthCheck } from './event-loop-health.check';
import {
  type EventLoopHealthOptions,
  type ResolvedEventLoopHealthOptions,
} from './event-loop-health-options.interface';

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
    return registerReadyMadeCheck<EventLoopHealthOptions, ResolvedEventLoopHealthOptions>({
      module: EventLoopHealthModule,
      implementation: EventLoopHealthCheck,
      defaultName: 'event-loop',
      options,
      ownOptions: ['degradedAboveMs', 'downAboveMs', 'resolutionMs'],
      resolve: resolveEventLoopOptions,
    });
  }
}

function resolveEventLoopOptions(
  options: EventLoopHealthOptions,
  fail: OptionFailure,
): ResolvedEventLoopHealthOptions {
  const {
    degradedAboveMs = DEFAULT_EVENT_LOOP_DEGRADED_ABOVE_MS,
    downAboveMs,
    resolutionMs = DEFAULT_EVENT_LOOP_RESOLUTION_MS,
  } = options;
  if (!isPositiveFinite(degradedAboveMs)) {
    fail('degradedAboveMs', EXPECTED_READY_MADE.milliseconds, degradedAboveMs);
  }
  if (downAboveMs !== undefined && !isPositiveFinite(downAboveMs)) {
    fail('downAboveMs', EXPECTED_READY_MADE.milliseconds, downAboveMs);
  }
  if (downAboveMs !== undefined && downAboveMs <= degradedAboveMs) {
    const defaulted = options.degradedAboveMs === undefined;
    fail(
      'downAboveMs',
      EXPECTED_THRESHOLD_ORDER('more', 'degradedAboveMs', degradedAboveMs, defaulted),
      downAboveMs,
    );
  }
  if (!Number.isSafeInteger(resolutionMs) || resolutionMs < 1) {
    fail('resolutionMs', EXPECTED_READY_MADE.resolution, resolutionMs);
  }
  return { degradedAboveMs, downAboveMs, resolutionMs };
}
