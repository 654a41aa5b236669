import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** An in-process liveness check; set `alive = false` to fail it. */
@Injectable()
export class LivenessHealth {
  runs = 0;
  alive = true;

  @HealthCheck({ probe: 'liveness', ttl: 0 })
  eventLoop(): void {
    this.runs += 1;
    if (!this.alive) throw new Error('event loop blocked');
  }
}
