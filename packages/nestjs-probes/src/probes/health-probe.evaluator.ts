import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type HealthCheckRunner } from '../checks/health-check.runner';
import { type CheckResult } from '../results/check-result.interface';
import { DEFAULT_PROBE_TIMEOUT_MS, HEALTH_RESOLVED_OPTIONS } from '../health.constants';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';
import { worstStatus } from '../results/health-status';
import { HealthLifecycleWatcher } from './health-lifecycle.watcher';

type Reading = CheckResult | Promise<CheckResult>;

/** @internal What the evaluator needs of the module options. */
export type ProbeTimingOptions = Pick<ResolvedHealthOptions, 'probeTimeout' | 'shutdown'>;

const DEFAULT_TIMING: ProbeTimingOptions = {
  probeTimeout: DEFAULT_PROBE_TIMEOUT_MS,
  shutdown: { drainDelay: 0 },
};

/** @internal The result of each check, as one report read them. */
export type CheckResults = ReadonlyMap<HealthCheckRunner, CheckResult>;

/**
 * Turns the checks' results into the status of each probe, and owns the startup latch. Synchronous
 * while every result is fresh (the hot path: no promise, no timer, no allocation); otherwise it
 * waits on the runs the runners coalesce, but never past `probeTimeout`: a check still running at
 * the deadline counts as down for that answer, and its run goes on for the probes after it.
 *
 * @internal
 */
@Injectable()
export class HealthProbeEvaluator {
  private readonly startupPassed = new Set<HealthCheckRunner>();
  private startupOpen = false;

  private readonly timing: ProbeTimingOptions;

  constructor(
    private readonly registry: HealthCheckRegistry,
    private readonly lifecycle: HealthLifecycleWatcher,
    @Optional() @Inject(HEALTH_RESOLVED_OPTIONS) options?: ProbeTimingOptions,
  ) {
    this.timing = options ?? DEFAULT_TIMING;
  }

  liveness(): HealthStatus | Promise<HealthStatus> {
    return evaluate(this.registry.getByProbe('liveness'), this.timing.probeTimeout);
  }

  /** `down` while shutting down and until the startup probe has opened: ready implies started. */
  readiness(): HealthStatus | Promise<HealthStatus> {
    if (this.lifecycle.shuttingDown) return 'down';
    const { probeTimeout } = this.timing;
    if (this.startupOpen) return evaluate(this.registry.getByProbe('readiness'), probeTimeout);
    // One deadline for the whole answer: what the startup checks took is not given again.
    const startedAt = performance.now();
    const startup = this.startup();
    if (isSettled(startup)) return this.readinessAfter(startup, probeTimeout);
    return startup.then((status) =>
      this.readinessAfter(status, probeTimeout - (performance.now() - startedAt)),
    );
  }

  /**
   * `down` until bootstrap ends and every critical startup check has passed once; then `up` for good.
   * `read` lets the details report reuse the results it already has; a probe (no `read`) answers
   * within `probeTimeout`.
   */
  startup(read?: (runner: HealthCheckRunner) => Reading): HealthStatus | Promise<HealthStatus> {
    if (this.startupOpen) return 'up';
    if (!this.lifecycle.bootstrapped) return 'down';
    const pending = this.registry.getByProbe('startup').filter((r) => !this.startupPassed.has(r));
    const readings = pending.map(read ?? readNow);
    if (readings.every(isSettled)) return this.recordStartup(pending, readings as CheckResult[]);
    const results = read
      ? Promise.all(readings)
      : withinDeadline(readings, this.timing.probeTimeout);
    return results.then((all) => this.recordStartup(pending, all));
  }

  /**
   * The `Retry-After` of a 503 from `probe`, in whole seconds, at least 1: while shutting down, the
   * drain delay; otherwise the smallest ttl of the probe's critical checks that are down or still
   * running (readiness before the startup probe opened: of the startup checks), since no new
   * result can come sooner. Read after the answer, from the runners' state: no cost on the hot path.
   */
  retryAfterSeconds(probe: 'readiness' | 'startup'): number {
    if (probe === 'readiness' && this.lifecycle.shuttingDown)
      return toRetryAfter(this.timing.shutdown.drainDelay);
    const kind = probe === 'readiness' && !this.startupOpen ? 'startup' : probe;
    let ttl = Infinity;
    for (const runner of this.registry.getByProbe(kind)) {
      if (!runner.definition.critical) continue;
      if (kind === 'startup' && this.startupPassed.has(runner)) continue;
      const status = runner.currentStatus;
      if (runner.running || status === undefined || status === 'down')
        ttl = Math.min(ttl, runner.definition.ttl);
    }
    return toRetryAfter(ttl === Infinity ? 0 : ttl);
  }

  /** Every probe's status from results already read (the details report's view). */
  statusesOf(results: CheckResults): Record<ProbeKind, HealthStatus> {
    const resultOf = (runner: HealthCheckRunner) => results.get(runner)!;
    const combineOf = (kind: ProbeKind) =>
      combine(this.registry.getByProbe(kind).map((runner) => [runner, resultOf(runner)]));
    // Every check was just read, so this is synchronous.
    const startup = this.startup(resultOf) as HealthStatus;
    const blocked = this.lifecycle.shuttingDown || startup !== 'up';
    return {
      liveness: combineOf('liveness'),
      readiness: blocked ? 'down' : combineOf('readiness'),
      startup,
    };
  }

  /**
   * Every probe's status from the last results, running nothing (for metrics and status events). A
   * check with no result yet counts as down: nothing vouches for it until it has run.
   */
  lastStatuses(): Record<ProbeKind, HealthStatus> {
    const startup = this.lastStartupStatus();
    const blocked = this.lifecycle.shuttingDown || startup !== 'up';
    return {
      liveness: combineLast(this.registry.getByProbe('liveness')),
      readiness: blocked ? 'down' : combineLast(this.registry.getByProbe('readiness')),
      startup,
    };
  }

  private lastStartupStatus(): HealthStatus {
    if (this.startupOpen) return 'up';
    if (!this.lifecycle.bootstrapped) return 'down';
    const passed = (runner: HealthCheckRunner) => {
      const status = runner.currentStatus;
      return this.startupPassed.has(runner) || (status !== undefined && status !== 'down');
    };
    const open = this.registry
      .getByProbe('startup')
      .every((runner) => !runner.definition.critical || passed(runner));
    return open ? 'up' : 'down';
  }

  private readinessAfter(
    startup: HealthStatus,
    budgetMs: number,
  ): HealthStatus | Promise<HealthStatus> {
    return startup === 'up' ? evaluate(this.registry.getByProbe('readiness'), budgetMs) : 'down';
  }

  /** A result missing for a run still going at the deadline: that check has not passed. */
  private recordStartup(
    runners: readonly HealthCheckRunner[],
    results: ReadonlyArray<CheckResult | undefined>,
  ): HealthStatus {
    runners.forEach((runner, i) => {
      const result = results[i];
      if (result !== undefined && result.status !== 'down') this.startupPassed.add(runner);
    });
    this.startupOpen = this.registry
      .getByProbe('startup')
      .every((runner) => !runner.definition.critical || this.startupPassed.has(runner));
    return this.startupOpen ? 'up' : 'down';
  }
}

/** The probe's status; a check whose run outlasts `budgetMs` counts as down for this answer. */
function evaluate(
  runners: readonly HealthCheckRunner[],
  budgetMs: number,
): HealthStatus | Promise<HealthStatus> {
  let status: HealthStatus = 'up';
  const now = performance.now();
  for (const runner of runners) {
    const reading = runner.read(now);
    if (!isSettled(reading)) {
      const readings = runners.map((r) => r.read(now));
      return withinDeadline(readings, budgetMs).then((all) =>
        combine(runners.map((r, i) => [r, all[i] ?? 'down'])),
      );
    }
    status = worstStatus(status, effectiveStatus(runner, reading));
  }
  return status;
}

/**
 * Every reading's result, or `undefined` for a run still going after `budgetMs`. Only called when
 * some reading is a run in flight, so the timer exists only while a probe waits; it is cleared as
 * soon as the last run ends. The runs themselves go on: their results are kept for later probes.
 */
function withinDeadline(
  readings: readonly Reading[],
  budgetMs: number,
): Promise<Array<CheckResult | undefined>> {
  const results = readings.map((reading) => (isSettled(reading) ? reading : undefined));
  return new Promise((resolve) => {
    let waiting = 0;
    const timer = setTimeout(() => resolve(results.slice()), Math.max(0, budgetMs));
    readings.forEach((reading, i) => {
      if (isSettled(reading)) return;
      waiting++;
      // A run's promise never rejects (the runner turns every failure into a result).
      void reading.then((result) => {
        results[i] = result;
        if (--waiting > 0) return;
        clearTimeout(timer);
        resolve(results);
      });
    });
  });
}

/** Whole seconds, at least 1. */
function toRetryAfter(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function combine(
  pairs: ReadonlyArray<readonly [HealthCheckRunner, CheckResult | HealthStatus]>,
): HealthStatus {
  let status: HealthStatus = 'up';
  for (const [runner, result] of pairs)
    status = worstStatus(status, effectiveStatus(runner, result));
  return status;
}

function combineLast(runners: readonly HealthCheckRunner[]): HealthStatus {
  let status: HealthStatus = 'up';
  for (const runner of runners)
    status = worstStatus(status, effectiveStatus(runner, runner.currentStatus ?? 'down'));
  return status;
}

/** A non-critical check that is down leaves its probe degraded, not down. */
function effectiveStatus(
  runner: HealthCheckRunner,
  result: CheckResult | HealthStatus,
): HealthStatus {
  const status = typeof result === 'string' ? result : result.status;
  return status === 'down' && !runner.definition.critical ? 'degraded' : status;
}

const readNow = (runner: HealthCheckRunner): Reading => runner.read();

function isSettled<T>(reading: T | Promise<T>): reading is T {
  return !(reading instanceof Promise);
}
