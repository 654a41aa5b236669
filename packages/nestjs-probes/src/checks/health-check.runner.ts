import { type LoggerService } from '@nestjs/common';
import { HealthCheckTimeoutError } from '../errors';
import { CHECK_NO_RESULT_YET, CHECK_RESULT_STALE } from '../health.messages';
import { readOutcome } from '../results/check-outcome.reader';
import { type CheckResult } from '../results/check-result.interface';
import { roundToTenth } from '../utils/round-to-tenth.util';
import { runWithTimeout } from '../utils/run-with-timeout.util';
import { type HealthStatus } from '../interfaces';
import { CheckHistory } from './check-history';
import { FlapDamper, type RunStreak } from './flap-damper';
import { type HealthCheckDefinition } from './health-check.definition';
import { HealthCheckTransitionLogger } from './health-check-transition.logger';

/**
 * Told of what a runner sees: every run that ends, and every change of the check's status.
 *
 * @internal
 */
export interface CheckObserver {
  runEnded(runner: HealthCheckRunner, result: CheckResult): void;
  statusChanged(
    runner: HealthCheckRunner,
    previous: HealthStatus | undefined,
    current: CheckResult,
  ): void;
}

const NO_OBSERVER: CheckObserver = { runEnded: () => undefined, statusChanged: () => undefined };

/**
 * Owns one check's state: the last result, the run in flight, and when the result stops being fresh.
 * `read()` answers synchronously while the result is fresh and otherwise hands every concurrent
 * caller the same run (single flight), so probes never cause more than one run per ttl. What it
 * answers carries the damped status (`failureThreshold`, `successThreshold`); the run's own result
 * stays readable as `lastRun`.
 *
 * @internal
 */
export class HealthCheckRunner {
  private last?: CheckResult;
  private run?: CheckResult;
  private freshUntil = -Infinity;
  private inflight?: Promise<CheckResult>;
  private staleReported = false;
  private lastFailure?: string;
  private readonly transitions: HealthCheckTransitionLogger;
  private readonly damper: FlapDamper;
  readonly history = new CheckHistory();

  constructor(
    readonly definition: HealthCheckDefinition,
    logger: LoggerService,
    private readonly observer: CheckObserver = NO_OBSERVER,
  ) {
    const { name, critical, failureThreshold, successThreshold } = definition;
    this.transitions = new HealthCheckTransitionLogger(name, critical, logger);
    this.damper = new FlapDamper(failureThreshold, successThreshold);
  }

  /** The last result as probes read it, with the damped status. */
  get lastResult(): CheckResult | undefined {
    return this.last;
  }

  /** The last run's own result. */
  get lastRun(): CheckResult | undefined {
    return this.run;
  }

  get streak(): RunStreak {
    return this.damper.streak;
  }

  /** The status probes would read now, without running the check; undefined before any result. */
  get currentStatus(): HealthStatus | undefined {
    const last = this.last;
    if (!last) return undefined;
    const stale =
      this.definition.refresh === 'background' &&
      performance.now() - last.finishedAt > this.definition.staleAfter;
    return stale ? 'down' : last.status;
  }

  /** Whether a run is in flight. */
  get running(): boolean {
    return this.inflight !== undefined;
  }

  /**
   * `now` lets a probe read the clock once for all its checks. A background check is never run by
   * a read: before its first result (the scheduler runs it during bootstrap) it reads as down.
   */
  read(now = performance.now()): CheckResult | Promise<CheckResult> {
    const last = this.last;
    if (this.definition.refresh === 'background') {
      if (!last) return noResultYet();
      const age = now - last.finishedAt;
      return age > this.definition.staleAfter ? this.staleResult(last, age) : last;
    }
    return last && now < this.freshUntil ? last : this.refresh();
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

  private settle(run: CheckResult): CheckResult {
    // A stale result was reported as down, so a fresh result is compared with that.
    const previous = this.staleReported ? 'down' : this.last?.status;
    this.inflight = undefined;
    this.staleReported = false;
    this.run = run;
    this.freshUntil = run.finishedAt + this.definition.ttl;
    if (run.status === 'down') this.lastFailure = run.error;
    const status = this.damper.next(previous, run.status);
    this.last = status === run.status ? run : this.damped(run, status);
    this.notify(() => this.observer.runEnded(this, run));
    if (previous !== status) this.changed(previous, this.last);
    return this.last;
  }

  /** The run with the status damping kept: down keeps the last failure's reason, up shows none. */
  private damped(run: CheckResult, status: HealthStatus): CheckResult {
    const { error: _error, ...rest } = run;
    return status === 'down' ? { ...rest, status, error: this.lastFailure } : { ...rest, status };
  }

  private staleResult(last: CheckResult, ageMs: number): CheckResult {
    const stale: CheckResult = {
      ...last,
      status: 'down',
      error: CHECK_RESULT_STALE(ageMs, this.definition.staleAfter),
    };
    if (!this.staleReported) {
      this.staleReported = true;
      this.changed(last.status, stale);
    }
    return stale;
  }

  private changed(previous: HealthStatus | undefined, current: CheckResult): void {
    this.transitions.record(previous, current);
    // Going stale while already down is logged (the reason changed) but is no new status.
    if (previous === current.status) return;
    const error = current.status === 'up' ? undefined : current.error;
    this.history.record(previous, current.status, current.checkedAt, error);
    this.notify(() => this.observer.statusChanged(this, previous, current));
  }

  // An observer's failure is not the check's: the result is stored whatever it does.
  private notify(call: () => void): void {
    try {
      call();
    } catch {
      /* observers report their own failures */
    }
  }
}

/** What a background check reads as before its first run has ended. */
function noResultYet(): CheckResult {
  return {
    status: 'down',
    error: CHECK_NO_RESULT_YET,
    durationMs: 0,
    checkedAt: new Date().toISOString(),
    finishedAt: performance.now(),
  };
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
