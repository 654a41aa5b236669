import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** A critical check whose dependency refuses connections, as node's `net` reports it. */
@Injectable()
export class FailingHealth {
  runs = 0;

  @HealthCheck({ ttl: 0 })
  database(): never {
    this.runs += 1;
    throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.12:5432'), {
      code: 'ECONNREFUSED',
    });
  }
}

/** A non-critical check that is down: readiness is degraded, not failed. */
@Injectable()
export class NonCriticalFailingHealth {
  @HealthCheck({ critical: false, ttl: 0 })
  search(): never {
    throw new Error('search cluster unavailable');
  }
}

/** A boolean-style check answering `false`, which means down. */
@Injectable()
export class FalseReturningHealth {
  @HealthCheck({ ttl: 0 })
  featureFlags(): boolean {
    return false;
  }
}
