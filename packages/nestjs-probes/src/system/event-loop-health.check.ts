import { type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { degraded, down } from '../results/health-status';
import { type ReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { roundToTenth } from '../utils/round-to-tenth.util';
import {
  type EventLoopHealthDetails,
  type ResolvedEventLoopHealthOptions,
} from './event-loop-health-options.interface';
import { EVENT_LOOP_DELAYED } from './system.messages';

/**
 * Samples the event-loop delay with `monitorEventLoopDelay` from module init to module destroy.
 * Each run reads the window since the previous run, then starts a new one.
 *
 * Node's histogram records each interval between its timer's ticks, so an idle loop reads about
 * `resolutionMs`; that interval is taken off every figure. Resetting also drops the interval in
 * progress: a stall starting within `resolutionMs` of a run is missed, a lasting one never is.
 *
 * @internal
 */
export class EventLoopHealthCheck implements ReadyMadeCheck, OnModuleInit, OnModuleDestroy {
  private readonly histogram: IntervalHistogram;

  constructor(private readonly options: ResolvedEventLoopHealthOptions) {
    this.histogram = monitorEventLoopDelay({ resolution: options.resolutionMs });
  }

  onModuleInit(): void {
    this.histogram.enable();
  }

  onModuleDestroy(): void {
    this.histogram.disable();
  }

  check(): unknown {
    const details = this.readWindow();
    const { degradedAboveMs, downAboveMs } = this.options;
    if (downAboveMs !== undefined && details.p99Ms > downAboveMs) {
      return down(EVENT_LOOP_DELAYED(details.p99Ms, downAboveMs), { ...details });
    }
    if (details.p99Ms > degradedAboveMs) {
      return degraded(EVENT_LOOP_DELAYED(details.p99Ms, degradedAboveMs), { ...details });
    }
    return details;
  }

  private readWindow(): EventLoopHealthDetails {
    const histogram = this.histogram;
    const samples = histogram.count;
    const delayMs = (nanoseconds: number) =>
      samples === 0 ? 0 : roundToTenth(Math.max(0, nanoseconds / 1e6 - this.options.resolutionMs));
    const details = {
      p50Ms: delayMs(histogram.percentile(50)),
      p99Ms: delayMs(histogram.percentile(99)),
      maxMs: delayMs(histogram.max),
      samples,
    };
    histogram.reset();
    return details;
  }
}
