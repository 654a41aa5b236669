import { ServiceUnavailableException } from '@nestjs/common';
import { type HealthDetailsReport, type HealthStatus } from '../interfaces';

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
 * exception path too.
 *
 * @internal
 */
export function toProbeBody(
  status: HealthStatus | Promise<HealthStatus>,
): ProbeBody | Promise<ProbeBody> {
  return typeof status === 'string' ? bodyOf(status) : status.then(bodyOf);
}

function bodyOf(status: HealthStatus): ProbeBody {
  if (status === 'down') throw new ServiceUnavailableException(BODIES.down);
  return BODIES[status];
}

/** @internal Details follow the readiness rule: 503 when down. */
export function toDetailsBody(report: HealthDetailsReport): HealthDetailsReport {
  if (report.status === 'down') throw new ServiceUnavailableException(report);
  return report;
}
