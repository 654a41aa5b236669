import { type ProbeKind } from './health-check-options.interface';

/**
 * `up`: working. `degraded`: working but impaired, or a non-critical dependency is down.
 * `down`: not working.
 *
 * @publicApi
 */
export type HealthStatus = 'up' | 'degraded' | 'down';

/**
 * One check as shown by the details endpoint.
 *
 * @publicApi
 */
export interface HealthCheckReport {
  status: HealthStatus;
  critical: boolean;
  probes: readonly ProbeKind[];
  /** Duration of the run that produced this result. */
  durationMs: number;
  /** When that run finished (ISO 8601). */
  checkedAt: string;
  /** Why it is not `up`, with secrets and hosts redacted. */
  error?: string;
  /** What the check returned, with secrets redacted. */
  details?: Record<string, unknown>;
}

/**
 * Body of the details endpoint.
 *
 * @publicApi
 */
export interface HealthDetailsReport {
  /** Same rule as the readiness probe. */
  status: HealthStatus;
  probes: Record<ProbeKind, HealthStatus>;
  version?: string;
  uptimeSeconds: number;
  timestamp: string;
  checks: Record<string, HealthCheckReport>;
}
