import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/**
 * Checks whose outcome a test sets, for the per-check views and `?exclude=`: `cache` (critical
 * readiness, ttl 3 s once down), `search` (non-critical readiness), `heartbeat` (liveness) and
 * `warmup` (startup).
 */
@Injectable()
export class ViewsHealth {
  cacheUp = true;
  searchUp = true;
  heartbeatUp = true;

  @HealthCheck({ name: 'cache', ttl: 0 })
  cache(): void {
    if (!this.cacheUp) throw new Error('cache unreachable');
  }

  @HealthCheck({ name: 'search', critical: false, ttl: 2500 })
  search(): void {
    if (!this.searchUp) throw new Error('search unreachable');
  }

  @HealthCheck({ name: 'heartbeat', probe: 'liveness', ttl: 0 })
  heartbeat(): void {
    if (!this.heartbeatUp) throw new Error('heartbeat missed');
  }
}
