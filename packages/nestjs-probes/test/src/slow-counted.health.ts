import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/**
 * A critical readiness check named `ledger` that takes 150 ms and counts its runs, cached for a
 * minute: a second run can only come from a forced refresh.
 */
@Injectable()
export class SlowCountedHealth {
  runs = 0;
  up = true;

  @HealthCheck({ name: 'ledger', ttl: 60_000, timeout: 1000 })
  async ledger(): Promise<{ entries: number }> {
    this.runs++;
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (!this.up) throw new Error('ledger unreachable');
    return { entries: this.runs };
  }
}
