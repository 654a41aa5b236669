import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

export const SLOW_CHECK_MS = 150;
export const SHORT_TIMEOUT_MS = 50;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Takes 150 ms, re-run on every probe (`ttl: 0`); counts runs and how many overlap. */
@Injectable()
export class SlowHealth {
  runs = 0;
  private active = 0;
  maxActive = 0;

  @HealthCheck({ ttl: 0, timeout: 1000 })
  async query(): Promise<void> {
    this.runs += 1;
    this.maxActive = Math.max(this.maxActive, ++this.active);
    await delay(SLOW_CHECK_MS);
    this.active -= 1;
  }
}

/** Two 100 ms checks of the same probe, recording how many run at once. */
@Injectable()
export class ParallelHealth {
  private active = 0;
  maxActive = 0;

  @HealthCheck({ name: 'parallel-a', ttl: 0 })
  first(): Promise<void> {
    return this.track();
  }

  @HealthCheck({ name: 'parallel-b', ttl: 0 })
  second(): Promise<void> {
    return this.track();
  }

  private async track(): Promise<void> {
    this.maxActive = Math.max(this.maxActive, ++this.active);
    await delay(100);
    this.active -= 1;
  }
}

/** Waits on its `AbortSignal` only, so it ends when (and only when) the 50 ms timeout aborts it. */
@Injectable()
export class TimingOutHealth {
  signal?: AbortSignal;
  abortedOnEntry?: boolean;
  startedAt = 0;
  abortedAt = 0;

  @HealthCheck({ ttl: 0, timeout: SHORT_TIMEOUT_MS })
  upstream(signal: AbortSignal): Promise<void> {
    this.signal = signal;
    this.abortedOnEntry = signal.aborted;
    this.startedAt = performance.now();
    return new Promise((_resolve, reject) => {
      signal.addEventListener(
        'abort',
        () => {
          this.abortedAt = performance.now();
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }
}
