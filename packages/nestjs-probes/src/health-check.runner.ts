import { type LoggerService } from '@nestjs/common';
import { HealthCheckTimeoutError } from './errors';
import { type HealthCheckDefinition } from './health-check.definition';
import {
  CHECK_DEGRADED,
  CHECK_RECOVERED,
  CHECK_RESULT_STALE,
  CHECK_WENT_DOWN,
} from './health.messages';
import { type HealthStatus } from './interfaces';
import { describeError, detailsOfError } from './utils/describe-error.util';
import { type CheckOutcome, interpretCheckValue } from './utils/interpret-check-value.util';
import { redactDetails, redactSecrets } from './utils/redact-secrets.util';
import { runWithTimeout } from './utils/run-with-timeout.util';

/** @internal The result of one run, redacted once when it is produced. */
export interface CheckResult {
  readonly status: HealthStatus;
  readonly durationMs: number;
  /** Wall-clock end of the run, ISO 8601. */
  readonly checkedAt: string;
  /** Monotonic end of the run (`performance.now()`), for ttl and staleness. */
  readonly finishedAt: number;
  readonly error?: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Owns one check's state: the last result, the run in flight, and when the result stops being fresh.
 * `read()` answers synchronously while the result is fresh and otherwise hands every concurrent
 * caller the same run (single flight), so probes never cause more than one run per ttl.
 *
 * @internal
 */
export class HealthCheckRunner {
  private last?: CheckResult;
  private freshUntil = -Infinity;
  private inflight?: Promise<CheckResult>;
  private staleReported = false;

  constructor(
    readonly definition: HealthCheckDefinition,
    private readonly logger: LoggerService,
  ) {}

  get lastResult(): CheckResult | undefined {
    return this.last;
  }

  /** `now` lets a probe read the clock once for all its checks. */
  read(now = performance.now()): CheckResult | Promise<CheckResult> {
    const last = this.last;
    if (!last) return this.refresh();
    if (this.definition.refresh === 'background') {
      const age = now - last.finishedAt;
      return age > this.definition.staleAfter ? this.staleResult(last, age) : last;
    }
    return now < this.freshUntil ? last : this.refresh();
  }

  /** Starts a run unless one is already in flight, and returns it. */
  refresh(): Promise<CheckResult> {
    if (this.inflight) return this.inflight;
    const run = executeCheck(this.definition).then((result) => {
      this.settle(result);
      return result;
    });
    this.inflight = run;
    return run;
  }

  private settle(result: CheckResult): void {
    // A stale result was logged as down, so a fresh result is compared with that.
    const previous = this.staleReported ? 'down' : this.last?.status;
    this.inflight = undefined;
    this.last = result;
    this.freshUntil = result.finishedAt + this.definition.ttl;
    this.staleReported = false;
    if (previous !== result.status) this.logTransition(previous, result);
  }

  private staleResult(last: CheckResult, ageMs: number): CheckResult {
    const error = CHECK_RESULT_STALE(ageMs, this.definition.staleAfter);
    if (!this.staleReported) {
      this.staleReported = true;
      this.logTransition(last.status, { ...last, status: 'down', error });
    }
    return { ...last, status: 'down', error };
  }

  private logTransition(previous: HealthStatus | undefined, result: CheckResult): void {
    const { name, critical } = this.definition;
    if (result.status === 'down') {
      const message = CHECK_WENT_DOWN(name, result.error);
      if (critical) this.logger.error(message);
      else this.logger.warn(message);
    } else if (result.status === 'degraded') {
      this.logger.warn(CHECK_DEGRADED(name, result.error));
    } else if (previous !== undefined) {
      this.logger.log(CHECK_RECOVERED(name));
    }
  }
}

async function executeCheck(definition: HealthCheckDefinition): Promise<CheckResult> {
  const startedAt = performance.now();
  const settled = await runWithTimeout(
    definition.invoke,
    definition.timeout,
    () => new HealthCheckTimeoutError(definition.name, definition.timeout),
  );
  const finishedAt = performance.now();
  const outcome = settled.ok ? safeInterpret(settled.value) : failureOf(settled.error);
  return {
    status: outcome.status,
    durationMs: Math.round((finishedAt - startedAt) * 10) / 10,
    checkedAt: new Date().toISOString(),
    finishedAt,
    ...(outcome.error !== undefined && { error: redactSecrets(String(outcome.error)) }),
    ...(outcome.details !== undefined && { details: safeRedact(outcome.details) }),
  };
}

function failureOf(error: unknown): CheckOutcome {
  return { status: 'down', error: describeError(error), details: detailsOfError(error) };
}

// A hostile return value (a throwing getter, a revoked Proxy) is the check's failure, not ours.
function safeInterpret(value: unknown): CheckOutcome {
  try {
    return interpretCheckValue(value);
  } catch (error) {
    return failureOf(error);
  }
}

function safeRedact(details: object): Record<string, unknown> | undefined {
  try {
    return redactDetails(details);
  } catch {
    return undefined;
  }
}
