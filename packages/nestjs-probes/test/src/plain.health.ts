import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** `@HealthCheck()` with no options: everything comes from the module defaults. */
@Injectable()
export class PlainHealth {
  runs = 0;

  @HealthCheck()
  ping(): void {
    this.runs += 1;
  }
}

/** One check serving two probes. */
@Injectable()
export class SchemaHealth {
  runs = 0;

  @HealthCheck({ probe: ['startup', 'readiness'], ttl: 0 })
  migrated(): void {
    this.runs += 1;
  }
}
