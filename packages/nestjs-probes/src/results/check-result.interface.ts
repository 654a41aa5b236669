import { type HealthStatus } from '../interfaces';

/**
 * What one run of a check came to, its text redacted once, when it is produced.
 *
 * @internal
 */
export interface CheckOutcome {
  readonly status: HealthStatus;
  readonly error?: string;
  readonly details?: Record<string, unknown>;
}

/**
 * A check's outcome with the timing of its run: what the runner keeps and the reports show.
 *
 * @internal
 */
export interface CheckResult extends CheckOutcome {
  readonly durationMs: number;
  /** Wall-clock end of the run, ISO 8601. */
  readonly checkedAt: string;
  /** Monotonic end of the run (`performance.now()`), for ttl and staleness. */
  readonly finishedAt: number;
}
