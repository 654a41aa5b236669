import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** A readiness check that always passes; `ttl: 0` so every probe runs it and `runs` counts them. */
@Injectable()
export class HealthyHealth {
  runs = 0;

  @HealthCheck({ ttl: 0 })
  ping(): { connections: number } {
    this.runs += 1;
    return { connections: 3 };
  }
}
