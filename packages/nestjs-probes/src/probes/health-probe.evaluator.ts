import { Injectable } from '@nestjs/common';
import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type HealthCheckRunner } from '../checks/health-check.runner';
import { type CheckResult } from '../results/check-result.interface';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { worstStatus } from '../results/health-status';
import { HealthLifecycleWatcher } from './health-lifecycle.watcher';

type Reading = CheckResult | Promise<CheckResult>;

/** @internal The result of each check, as one report read them. */
export type CheckResults = ReadonlyMap<HealthCheckRunner, CheckResult>;

/**
 * Turns the checks' results into the status of each probe, and owns the startup latch. Synchronous
 * while every result is fresh (the hot path: no promise, no allocation); otherwise it waits on the
 * runs the runners coalesce.
 *
 * @internal
 */
@Injectable()
export class HealthProbeEvaluator {
  private readonly startupPassed = new Set<HealthCheckRunner>();
  private startupOpen = false;

  constructor(
    private readonly registry: HealthCheckRegistry,
    private readonly lifecycle: HealthLifecycleWatcher,
  ) {}

  liveness(): HealthStatus | Promise<HealthStatus> {
    return evaluate(this.registry.getByProbe('liveness'));
  }

  /** `down` while shutting down and until the startup probe has opened: ready implies started. */
  readiness(): HealthStatus | Promise<HealthStatus> {
    if (this.lifecycle.shuttingDown) return 'down';
    if (this.startupOpen) return evaluate(this.registry.getByProbe('readiness'));
    const startup = this.startup();
    if (isSettled(startup)) return this.readinessAfter(startup);
    return startup.then((status) => this.readinessAfter(status));
  }

  /**
   * `down` until bootstrap ends and every critical startup check has passed once; then `up` for good.
   * `read` lets the details report reuse the results it already has.
   */
  startup(
    read: (runner: HealthCheckRunner) => Reading = readNow,
  ): HealthStatus | Promise<HealthStatus> {
    if (this.startupOpen) return 'up';
    if (!this.lifecycle.bootstrapped) return 'down';
    const pending = this.registry.getByProbe('startup').filter((r) => !this.startupPassed.has(r));
    const readings = pending.map(read);
    if (readings.every(isSettled)) return this.recordStartup(pending, readings as CheckResult[]);
    return Promise.all(readings).then((results) => this.recordStartup(pending, results));
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

  private readinessAfter(startup: HealthStatus): HealthStatus | Promise<HealthStatus> {
    return startup === 'up' ? evaluate(this.registry.getByProbe('readiness')) : 'down';
  }

  private recordStartup(
    runners: readonly HealthCheckRunner[],
    results: CheckResult[],
  ): HealthStatus {
    runners.forEach((runner, i) => {
      if (results[i].status !== 'down') this.startupPassed.add(runner);
    });
    this.startupOpen = this.registry
      .getByProbe('startup')
      .every((runner) => !runner.definition.critical || this.startupPassed.has(runner));
    return this.startupOpen ? 'up' : 'down';
  }
}

function evaluate(runners: readonly HealthCheckRunner[]): HealthStatus | Promise<HealthStatus> {
  let status: HealthStatus = 'up';
  const now = performance.now();
  for (const runner of runners) {
    const reading = runner.read(now);
    if (!isSettled(reading)) {
      const readings = runners.map((r) => r.read(now));
      return Promise.all(readings).then((all) => combine(runners.map((r, i) => [r, all[i]])));
    }
    status = worstStatus(status, effectiveStatus(runner, reading));
  }
  return status;
}

function combine(pairs: ReadonlyArray<readonly [HealthCheckRunner, CheckResult]>): HealthStatus {
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
