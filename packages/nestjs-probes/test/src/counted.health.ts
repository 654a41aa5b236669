import { Injectable } from '@nestjs/common';
import { degraded, HealthCheck, type HealthCheckDegraded } from 'nestjs-probes';

export type CountedState = 'up' | 'down' | 'degraded';

/**
 * A critical readiness check named `payments` whose outcome the test flips, counting its runs: what
 * the metrics say is compared with what really ran.
 */
@Injectable()
export class CountedHealth {
  state: CountedState = 'up';
  runs = 0;

  @HealthCheck({ name: 'payments', ttl: 0 })
  payments(): HealthCheckDegraded | void {
    this.runs++;
    if (this.state === 'down') throw new Error('payments unreachable');
    if (this.state === 'degraded') return degraded('payments slow');
  }
}
