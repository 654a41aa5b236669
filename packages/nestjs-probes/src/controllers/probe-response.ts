import { ServiceUnavailableException } from '@nestjs/common';
import { type HealthDetailsReport, type HealthStatus } from '../interfaces';
import { ProbeUnavailableException } from './probe-unavailable.filter';

/** @internal */
export type ProbeBody = { readonly status: HealthStatus };

const BODIES: Record<HealthStatus, ProbeBody> = {
  up: Object.freeze({ status: 'up' }),
  degraded: Object.freeze({ status: 'degraded' }),
  down: Object.freeze({ status: 'down' }),
};

/**
 * The public answer: 200 `up` or `degraded`, 503 `down`, and nothing else (no error text, no
 * check names). `Cache-Control` is set by `@Header()` before the handler runs, so it survives the
 * exception path too. With `retryAfter`, a 503 carries `Retry-After` (see ProbeUnavailableFilter).
 *
 * @internal
 */
export function toProbeBody(
  status: HealthStatus | Promise<HealthStatus>,
  retryAfter?: () => number,
): ProbeBody | Promise<ProbeBody> {
  const bodyOf = (settled: HealthStatus): ProbeBody => {
    if (settled !== 'down') return BODIES[settled];
    if (!retryAfter) throw new ServiceUnavailableException(BODIES.down);
    throw new ProbeUnavailableException(BODIES.down, retryAfter());
  };
  return typeof status === 'string' ? bodyOf(status) : status.then(bodyOf);
}

/** @internal Details follow the readiness rule: 503 when down. */
export function toDetailsBody(report: HealthDetailsReport): HealthDetailsReport {
  if (report.status === 'down') throw new ServiceUnavailableException(report);
  return report;
}
