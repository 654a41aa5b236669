import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** A startup check; set `passing = false` to fail it. */
@Injectable()
export class StartupHealth {
  runs = 0;
  passing = true;

  @HealthCheck({ probe: 'startup', ttl: 0 })
  migrations(): void {
    this.runs += 1;
    if (!this.passing) throw new Error('migrations pending');
  }
}

/** A second startup check, so "every startup check passed once" can be told from "all pass now". */
@Injectable()
export class WarmupHealth {
  runs = 0;
  passing = true;

  @HealthCheck({ probe: 'startup', ttl: 0 })
  cache(): void {
    this.runs += 1;
    if (!this.passing) throw new Error('cache still warming up');
  }
}
