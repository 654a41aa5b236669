import { type LoggerService } from '@nestjs/common';
import { HealthCheckTimeoutError } from '../errors';
import { CHECK_RESULT_STALE } from '../health.messages';
import { readOutcome } from '../results/check-outcome.reader';
import { type CheckResult } from '../results/check-result.interface';
import { roundToTenth } from '../utils/round-to-tenth.util';
import { runWithTimeout } from '../utils/run-with-timeout.util';
import { type HealthCheckDefinition } from './health-check.definition';
import { HealthCheckTransitionLogger } from './health-check-transition.logger';

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
  const durationMs = roundToTenth(finishedAt - startedAt);
  return {
    ...readOutcome(settled, durationMs, definition.timeout),
    durationMs,
    checkedAt: new Date().toISOString(),
    finishedAt,
  };
}
