import { Injectable } from '@nestjs/common';
import { degraded, HealthCheck, type HealthCheckDegraded } from 'nestjs-probes';

export type FlappingState = 'up' | 'down' | 'degraded';

abstract class Flapping {
  state: FlappingState = 'up';

  protected answer(): HealthCheckDegraded | void {
    if (this.state === 'down') throw new Error('dependency unreachable');
    if (this.state === 'degraded') return degraded('dependency slow');
  }
}

/** A critical check whose outcome the test flips between probes. */
@Injectable()
export class FlappingHealth extends Flapping {
  @HealthCheck({ ttl: 0 })
  dependency(): HealthCheckDegraded | void {
    return this.answer();
  }
}

/** The same, non-critical. */
@Injectable()
export class OptionalFlappingHealth extends Flapping {
  @HealthCheck({ ttl: 0, critical: false })
  dependency(): HealthCheckDegraded | void {
    return this.answer();
  }
}
