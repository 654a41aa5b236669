import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** Declared two modules below the application module. */
@Injectable()
export class NestedHealth {
  runs = 0;

  @HealthCheck({ ttl: 0 })
  ping(): void {
    this.runs += 1;
  }
}
