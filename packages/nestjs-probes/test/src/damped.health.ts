import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

export const FAILURE_THRESHOLD = 3;
export const SUCCESS_THRESHOLD = 2;

/** A critical check run on every probe, counted as down after 3 failures and up after 2 good runs. */
@Injectable()
export class DampedHealth {
  failing = false;
  runs = 0;

  @HealthCheck({
    name: 'damped',
    ttl: 0,
    failureThreshold: FAILURE_THRESHOLD,
    successThreshold: SUCCESS_THRESHOLD,
  })
  dependency(): void {
    this.runs += 1;
    if (this.failing) throw new Error('dependency unreachable');
  }
}
