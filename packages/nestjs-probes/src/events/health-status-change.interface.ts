import { type HealthStatus, type ProbeKind } from '../interfaces';

/**
 * A check or a probe changed status. Emitted once per transition, however many probes run; for a
 * check, the status after flap damping (`failureThreshold` / `successThreshold`).
 *
 * @publicApi
 */
export interface HealthStatusChange {
  readonly kind: 'check' | 'probe';
  /** The check's name, or the probe: `liveness`, `readiness`, `startup`. */
  readonly name: string;
  /** `undefined` for a check's first result. */
  readonly previous: HealthStatus | undefined;
  readonly current: HealthStatus;
  /** When the change happened, ISO 8601. */
  readonly at: string;
  /** Why, redacted like the details endpoint: the check's error (checks only). */
  readonly error?: string;
  /** Whether the check is critical (checks only). */
  readonly critical?: boolean;
}

/**
 * One run of a check completed, whatever its outcome (the raw outcome, before flap damping).
 *
 * @publicApi
 */
export interface HealthCheckRun {
  readonly name: string;
  readonly status: HealthStatus;
  readonly durationMs: number;
  /** When the run ended, ISO 8601. */
  readonly at: string;
}

/**
 * The current status of every check and probe, read from the last results without running any
 * check (what a metrics scrape shows). A check with no result yet is left out.
 *
 * @publicApi
 */
export interface HealthSnapshot {
  readonly checks: ReadonlyArray<{
    readonly name: string;
    readonly status: HealthStatus;
    readonly critical: boolean;
  }>;
  readonly probes: Readonly<Record<ProbeKind, HealthStatus>>;
}
