import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type HealthCheckRunner } from '../checks/health-check.runner';
import { type CheckResult } from '../results/check-result.interface';
import { DEFAULT_PROBE_TIMEOUT_MS, HEALTH_RESOLVED_OPTIONS } from '../health.constants';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';
import {
  combine,
  combineLast,
  evaluate,
  isSettled,
  type Reading,
  readNow,
  toRetryAfter,
  withinDeadline,
} from './check-readings';
import { HealthLifecycleWatcher } from './health-lifecycle.watcher';

/** @internal Check names a probe request leaves out of its answer (`?exclude=`). */
export type ExcludedChecks = ReadonlySet<string> | undefined;

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

  liveness(exclude?: ExcludedChecks): HealthStatus | Promise<HealthStatus> {
    return evaluate(this.runnersOf('liveness', exclude), this.timing.probeTimeout);
  }

  /**
   * `down` while shutting down or drained, and until the startup probe has opened: ready implies
   * started. `exclude` leaves checks out of this answer, not out of the startup gate.
   */
  readiness(exclude?: ExcludedChecks): HealthStatus | Promise<HealthStatus> {
    if (this.lifecycle.readinessWithdrawn) return 'down';
    const { probeTimeout } = this.timing;
    if (this.startupOpen) return evaluate(this.runnersOf('readiness', exclude), probeTimeout);
    // One deadline for the whole answer: what the startup checks took is not given again.
    const startedAt = performance.now();
    const startup = this.startup();
    if (isSettled(startup)) return this.readinessAfter(startup, probeTimeout, exclude);
    return startup.then((status) =>
      this.readinessAfter(status, probeTimeout - (performance.now() - startedAt), exclude),
    );
  }

  /** The runner of check `name` among `probe`'s checks, for a per-check view. */
  checkOf(probe: ProbeKind, name: string): HealthCheckRunner | undefined {
    return this.registry.getByProbe(probe).find((runner) => runner.definition.name === name);
  }

  /**
   * One check's own status, whatever its criticality, the probe's gates or the drain: what
   * `/{path}/ready/{name}` answers. Bounded by `probeTimeout` like a probe.
   */
  checkStatus(runner: HealthCheckRunner): HealthStatus | Promise<HealthStatus> {
    const reading = runner.read();
    if (isSettled(reading)) return reading.status;
    return withinDeadline([reading], this.timing.probeTimeout).then(
      ([result]) => result?.status ?? 'down',
    );
  }

  /** The `Retry-After` of a per-check view's 503: no new result can come before its ttl. */
  checkRetryAfterSeconds(runner: HealthCheckRunner): number {
    return toRetryAfter(runner.definition.ttl);
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
   * The `Retry-After` of a 503 from `probe`, in whole seconds, at least 1: for readiness while
   * shutting down, the drain delay; while drained, the smallest readiness ttl; otherwise the smallest ttl of the probe's critical checks that are down or still
   * running (readiness before the startup probe opened: of the startup checks), since no new
   * result can come sooner. Read after the answer, from the runners' state: no cost on the hot path.
   */
  retryAfterSeconds(probe: ProbeKind): number {
    if (probe === 'readiness' && this.lifecycle.shuttingDown)
      return toRetryAfter(this.timing.shutdown.drainDelay);
    // An operator's drain lasts as long as it lasts: ask again when a result could have changed.
    if (probe === 'readiness' && this.lifecycle.drained)
      return toRetryAfter(smallestTtl(this.registry.getByProbe('readiness')));
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
    const blocked = this.lifecycle.readinessWithdrawn || startup !== 'up';
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
    const blocked = this.lifecycle.readinessWithdrawn || startup !== 'up';
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
    exclude: ExcludedChecks,
  ): HealthStatus | Promise<HealthStatus> {
    return startup === 'up' ? evaluate(this.runnersOf('readiness', exclude), budgetMs) : 'down';
  }

  /** The probe's checks; the registry's own array when nothing is excluded (the hot path). */
  private runnersOf(kind: ProbeKind, exclude: ExcludedChecks): readonly HealthCheckRunner[] {
    const runners = this.registry.getByProbe(kind);
    if (exclude === undefined || exclude.size === 0) return runners;
    return runners.filter((runner) => !exclude.has(runner.definition.name));
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

/** 0 (Retry-After 1) without checks. */
function smallestTtl(runners: readonly HealthCheckRunner[]): number {
  const ttl = runners.reduce((least, runner) => Math.min(least, runner.definition.ttl), Infinity);
  return ttl === Infinity ? 0 : ttl;
}
