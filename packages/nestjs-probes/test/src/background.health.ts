import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

export const BACKGROUND_TTL_MS = 100;
export const BACKGROUND_STALE_AFTER_MS = 400;

/**
 * Refreshed in the background every 100 ms; a result older than 400 ms is stale. `mode` decides
 * the next runs: `up`, `down`, or `hang` (waits until aborted at 2 s, or until the app shuts down).
 */
@Injectable()
export class BackgroundHealth implements OnApplicationShutdown {
  runs = 0;
  mode: 'up' | 'down' | 'hang' = 'up';
  private readonly hanging = new Set<() => void>();

  @HealthCheck({
    refresh: 'background',
    ttl: BACKGROUND_TTL_MS,
    staleAfter: BACKGROUND_STALE_AFTER_MS,
    timeout: 2000,
  })
  replica(signal: AbortSignal): Promise<void> | void {
    this.runs += 1;
    if (this.mode === 'down') throw new Error('replica lagging');
    if (this.mode === 'hang') return this.hang(signal);
  }

  onApplicationShutdown(): void {
    for (const release of this.hanging) release();
  }

  private hang(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const release = () => {
        this.hanging.delete(release);
        resolve();
      };
      this.hanging.add(release);
      signal.addEventListener('abort', () => reject(signal.reason), {
        once: true,
      });
    });
  }
}

/**
 * Ten ttls: a starved CI process can miss a few refreshes, and once shutdown stops the scheduler a
 * hook reading `/details` must still find the last result fresh.
 */
export const BACKGROUND_LIVENESS_STALE_AFTER_MS = 1_000;

/** A liveness check refreshed in the background, whose result turns stale 1 s after its last run. */
@Injectable()
export class BackgroundLivenessHealth {
  runs = 0;

  @HealthCheck({
    probe: 'liveness',
    refresh: 'background',
    ttl: BACKGROUND_TTL_MS,
    staleAfter: BACKGROUND_LIVENESS_STALE_AFTER_MS,
  })
  heartbeat(): void {
    this.runs += 1;
  }
}
