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
  /** Since when the check has had its status (ISO 8601). */
  since?: string;
  /** Its last transitions, oldest first (at most 20). */
  transitions?: readonly HealthCheckTransition[];
  /** The consecutive runs that failed (`down`) or passed, counted for flap damping. */
  streak?: { readonly status: 'passing' | 'failing'; readonly runs: number };
  /**
   * The last run's own result, shown when flap damping keeps the check's status from following
   * it (the check still counts as up after fewer failures than `failureThreshold`, or as down).
   */
  lastRun?: { readonly status: HealthStatus; readonly checkedAt: string; readonly error?: string };
}

/**
 * A change of a check's status, as kept in its history.
 *
 * @publicApi
 */
export interface HealthCheckTransition {
  /** Absent for the check's first result. */
  readonly from?: HealthStatus;
  readonly to: HealthStatus;
  /** ISO 8601. */
  readonly at: string;
  /** Why, when it went down or degraded (redacted). */
  readonly error?: string;
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
