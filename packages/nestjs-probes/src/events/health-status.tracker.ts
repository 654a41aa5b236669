import { Injectable } from '@nestjs/common';
import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type CheckObserver, type HealthCheckRunner } from '../checks/health-check.runner';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { PROBE_KINDS } from '../options/option.validators';
import { HealthLifecycleWatcher } from '../probes/health-lifecycle.watcher';
import { HealthProbeEvaluator } from '../probes/health-probe.evaluator';
import { type CheckResult } from '../results/check-result.interface';
import { HealthEvents } from './health-events';
import { type HealthSnapshot } from './health-status-change.interface';

/**
 * Turns what the runners and the lifecycle watcher see into `HealthEvents`: each run, each check
 * status change, and each probe status change, worked out from the last results when a check or
 * the lifecycle changes, never on a probe request.
 *
 * @internal
 */
@Injectable()
export class HealthStatusTracker implements CheckObserver {
  private readonly probes: Partial<Record<ProbeKind, HealthStatus>> = {};

  constructor(
    private readonly events: HealthEvents,
    private readonly evaluator: HealthProbeEvaluator,
    private readonly registry: HealthCheckRegistry,
    lifecycle: HealthLifecycleWatcher,
  ) {
    lifecycle.changed$.subscribe(() => this.refreshProbes());
    events.attach(() => this.snapshot());
  }

  /** The current status of every check and probe, from the last results; runs nothing. */
  snapshot(): HealthSnapshot {
    const checks = [];
    for (const runner of this.registry.getAll()) {
      const status = runner.currentStatus;
      if (status === undefined) continue;
      const { name, critical } = runner.definition;
      checks.push({ name, status, critical });
    }
    return { checks, probes: this.evaluator.lastStatuses() };
  }

  runEnded(runner: HealthCheckRunner, result: CheckResult): void {
    const { status, durationMs, checkedAt: at } = result;
    this.events.emitRun({ name: runner.definition.name, status, durationMs, at });
  }

  statusChanged(
    runner: HealthCheckRunner,
    previous: HealthStatus | undefined,
    current: CheckResult,
  ): void {
    const { name, critical } = runner.definition;
    this.events.emitChange({
      kind: 'check',
      name,
      previous,
      current: current.status,
      at: current.checkedAt,
      ...(current.status !== 'up' && current.error !== undefined && { error: current.error }),
      critical,
    });
    this.refreshProbes();
  }

  private refreshProbes(): void {
    const statuses = this.evaluator.lastStatuses();
    const at = new Date().toISOString();
    for (const name of PROBE_KINDS) {
      const previous = this.probes[name];
      if (previous === statuses[name]) continue;
      this.probes[name] = statuses[name];
      this.events.emitChange({ kind: 'probe', name, previous, current: statuses[name], at });
    }
  }
}
