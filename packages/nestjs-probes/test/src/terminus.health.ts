import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HealthCheck } from 'nestjs-probes';

type IndicatorState = 'up' | 'down';

/**
 * Two checks written the Terminus way, through Terminus's own `HealthIndicatorService`; both
 * report under the same indicator key, `database`.
 */
@Injectable()
export class TerminusHealth {
  primary: IndicatorState = 'up';
  replica: IndicatorState = 'up';

  constructor(private readonly indicators: HealthIndicatorService) {}

  @HealthCheck({ ttl: 0 })
  primaryDatabase(): HealthIndicatorResult<'database'> {
    return this.indicate(this.primary, 'primary');
  }

  @HealthCheck({ ttl: 0 })
  replicaDatabase(): HealthIndicatorResult<'database'> {
    return this.indicate(this.replica, 'replica');
  }

  private indicate(state: IndicatorState, role: string): HealthIndicatorResult<'database'> {
    const indicator = this.indicators.check('database');
    return state === 'up'
      ? indicator.up({ role })
      : indicator.down({ role, message: 'connect ECONNREFUSED' });
  }
}
