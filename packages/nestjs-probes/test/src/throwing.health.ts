import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

export const THROWING_TIMEOUT_MS = 50;
export const LATE_REJECTION_MS = 150;

/** Every way a check can misbehave. Non-critical, so readiness stays 200 `degraded`. */
@Injectable()
export class ThrowingHealth {
  lateRejections = 0;

  @HealthCheck({ name: 'throws-error', critical: false, ttl: 0 })
  throwsError(): never {
    throw new Error('driver exploded');
  }

  @HealthCheck({ name: 'throws-non-error', critical: false, ttl: 0 })
  async throwsNonError(): Promise<never> {
    throw { reason: 'not an Error' };
  }

  @HealthCheck({ name: 'rejects-without-reason', critical: false, ttl: 0 })
  rejectsWithoutReason(): Promise<never> {
    return Promise.reject(undefined);
  }

  @HealthCheck({
    name: 'rejects-late',
    critical: false,
    ttl: 0,
    timeout: THROWING_TIMEOUT_MS,
  })
  rejectsLate(): Promise<never> {
    return new Promise((_resolve, reject) =>
      setTimeout(() => {
        this.lateRejections += 1;
        reject(new Error('failed after the timeout'));
      }, LATE_REJECTION_MS),
    );
  }

  @HealthCheck({
    name: 'never-settles',
    critical: false,
    ttl: 0,
    timeout: THROWING_TIMEOUT_MS,
  })
  neverSettles(): Promise<never> {
    return new Promise(() => undefined);
  }
}
