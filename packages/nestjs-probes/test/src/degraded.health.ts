import { Injectable } from '@nestjs/common';
import { degraded, HealthCheck, type HealthCheckDegraded } from 'nestjs-probes';

/** A critical check that reports `degraded()` on its own: a saturated pool still serves. */
@Injectable()
export class PoolHealth {
  @HealthCheck({ ttl: 0 })
  pool(): HealthCheckDegraded {
    return degraded('pool saturated', { waiting: 12 });
  }
}
