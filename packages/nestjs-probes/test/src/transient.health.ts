import { Injectable, Scope } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** One instance per consumer: which one would the probe run? */
@Injectable({ scope: Scope.TRANSIENT })
export class TransientHealth {
  @HealthCheck()
  ping(): void {}
}
