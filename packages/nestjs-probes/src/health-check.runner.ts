import { type LoggerService } from '@nestjs/common';
import { HealthCheckTimeoutError } from './errors';
import { type HealthCheckDefinition } from './health-check.definition';
import { HealthCheckTransitionLogger } from './health-check-transition.logger';
import { CHECK_OVERRAN, CHECK_RESULT_STALE, CHECK_RESULT_UNDESCRIBABLE } from './health.messages';
import { type HealthStatus } from './interfaces';
import { describeError, detailsOfError } from './utils/describe-error.util';
import { type CheckOutcome, interpretCheckValue } from './utils/interpret-check-value.util';
import { redactDetails, redactSecrets } from './utils/redact-secrets.util';
import { runWithTimeout, type Settled } from './utils/run-with-timeout.util';

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
  private readonly transitions: HealthCheckTransitionLogger;

  constructor(
    readonly definition: HealthCheckDefinition,
    logger: LoggerService,
  ) {
    this.transitions = new HealthCheckTransitionLogger(
      definition.name,
      definition.critical,
      logger,
    );
  }

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

  /**
   * Starts a run unless one is already in flight, and returns it. The returned promise never
   * rejects: whatever the check does, its run ends in a result, so a run in flight always clears.
   */
  refresh(): Promise<CheckResult> {
    if (this.inflight) return this.inflight;
    const run = executeCheck(this.definition).then((result) => this.settle(result));
    this.inflight = run;
    return run;
  }

  private settle(result: CheckResult): CheckResult {
    // A stale result was logged as down, so a fresh result is compared with that.
    const previous = this.staleReported ? 'down' : this.last?.status;
    this.inflight = undefined;
    this.last = result;
    this.freshUntil = result.finishedAt + this.definition.ttl;
    this.staleReported = false;
    if (previous !== result.status) this.transitions.record(previous, result);
    return result;
  }

  private staleResult(last: CheckResult, ageMs: number): CheckResult {
    const stale: CheckResult = {
      ...last,
      status: 'down',
      error: CHECK_RESULT_STALE(ageMs, this.definition.staleAfter),
    };
    if (!this.staleReported) {
      this.staleReported = true;
      this.transitions.record(last.status, stale);
    }
    return stale;
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
  const durationMs = Math.round((finishedAt - startedAt) * 10) / 10;
  return {
    ...outcomeOf(settled, durationMs, definition.timeout),
    durationMs,
    checkedAt: new Date().toISOString(),
    finishedAt,
  };
}

/**
 * What the run means, redacted. Total: a hostile value (a Proxy, a throwing getter or `toString`, a
 * null-prototype reason) is the check's failure, and one the library cannot even describe is still
 * `down`, so the run in flight always settles (#9).
 */
function outcomeOf(settled: Settled<unknown>, durationMs: number, timeout: number): CheckOutcome {
  try {
    if (!settled.ok) return failureOf(settled.error);
    // A check that kept the event loop busy past its timeout settles before the timer can fire.
    if (durationMs > timeout) return { status: 'down', error: CHECK_OVERRAN(durationMs, timeout) };
    return readValue(settled.value);
  } catch {
    return { status: 'down', error: CHECK_RESULT_UNDESCRIBABLE };
  }
}

function readValue(value: unknown): CheckOutcome {
  let outcome: CheckOutcome;
  try {
    outcome = interpretCheckValue(value);
  } catch (error) {
    return failureOf(error);
  }
  const { status, error, details } = outcome;
  return {
    status,
    ...(error !== undefined && { error: describeReason(error) }),
    ...(details !== undefined && { details: safeRedact(details) }),
  };
}

function failureOf(error: unknown): CheckOutcome {
  const details = detailsOfError(error);
  return {
    status: 'down',
    error: describeError(error),
    ...(details !== undefined && { details: safeRedact(details) }),
  };
}

/** The reason given to `down()` or `degraded()`: meant to be a string, but anything may come. */
function describeReason(reason: unknown): string {
  return typeof reason === 'string' ? redactSecrets(reason) : describeError(reason);
}

function safeRedact(details: object): Record<string, unknown> | undefined {
  try {
    return redactDetails(details);
  } catch {
    return undefined;
  }
}
