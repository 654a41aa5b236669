import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

export const SLOW_RUN_MS = 2_000;
export const SLOW_TIMEOUT_MS = 5_000;
export const SLOW_TTL_MS = 10_000;
export const FIRST_RUN_MS = 300;
export const FIRST_RUN_TTL_MS = 5_000;

/** Waits `ms`, or until the app shuts down, so no run outlives its test. */
class Releasable implements OnApplicationShutdown {
  private readonly pending = new Set<() => void>();

  onApplicationShutdown(): void {
    for (const release of this.pending) release();
  }

  protected wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.pending.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.pending.add(release);
    });
  }
}

/** A critical readiness check taking 2 s of its 5 s timeout, its result kept 10 s; counts runs. */
@Injectable()
export class SlowReadinessHealth extends Releasable {
  runs = 0;

  @HealthCheck({ name: 'slow-readiness', timeout: SLOW_TIMEOUT_MS, ttl: SLOW_TTL_MS })
  async query(): Promise<void> {
    this.runs += 1;
    await this.wait(SLOW_RUN_MS);
  }
}

/** The same, in the liveness and startup probes. */
@Injectable()
export class SlowLivenessStartupHealth extends Releasable {
  runs = 0;

  @HealthCheck({
    name: 'slow-liveness-startup',
    probe: ['liveness', 'startup'],
    timeout: SLOW_TIMEOUT_MS,
    ttl: SLOW_TTL_MS,
  })
  async warmup(): Promise<void> {
    this.runs += 1;
    await this.wait(SLOW_RUN_MS);
  }
}

/** A background readiness check whose runs take 300 ms, refreshed every 5 s; counts runs. */
@Injectable()
export class SlowFirstRunBackgroundHealth extends Releasable {
  runs = 0;
  settled = 0;

  @HealthCheck({
    name: 'slow-first-run',
    refresh: 'background',
    ttl: FIRST_RUN_TTL_MS,
    timeout: 2_000,
  })
  async replica(): Promise<void> {
    this.runs += 1;
    await this.wait(FIRST_RUN_MS);
    this.settled += 1;
  }
}
