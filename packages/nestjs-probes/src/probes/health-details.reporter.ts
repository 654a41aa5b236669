import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type HealthCheckRunner } from '../checks/health-check.runner';
import { type CheckResult } from '../results/check-result.interface';
import { HEALTH_RESOLVED_OPTIONS } from '../health.constants';
import { type HealthCheckReport, type HealthDetailsReport } from '../interfaces';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';
import { type CheckResults, HealthProbeEvaluator } from './health-probe.evaluator';

/**
 * Builds the admin details report: every check read once (fresh results reused, the rest run
 * through the same single flight as the probes), and every probe's status from those same results.
 *
 * @internal
 */
@Injectable()
export class HealthDetailsReporter {
  constructor(
    private readonly registry: HealthCheckRegistry,
    private readonly evaluator: HealthProbeEvaluator,
    @Inject(HEALTH_RESOLVED_OPTIONS) private readonly options: ResolvedHealthOptions,
  ) {}

  async report(): Promise<HealthDetailsReport> {
    const runners = this.registry.getAll();
    const settled = await Promise.all(runners.map((runner) => runner.read()));
    const results: CheckResults = new Map(runners.map((runner, i) => [runner, settled[i]]));
    const probes = this.evaluator.statusesOf(results);
    // Check names are user text: on a plain object `__proto__` would set the prototype, not a key.
    const checks: Record<string, HealthCheckReport> = Object.create(null);
    for (const [runner, result] of results)
      checks[runner.definition.name] = toCheckReport(runner, result);
    return {
      status: probes.readiness,
      probes,
      ...(this.options.version !== undefined && { version: this.options.version }),
      uptimeSeconds: Math.round(process.uptime()),
      timestamp: new Date().toISOString(),
      checks,
    };
  }
}

/** @internal One check's entry in the details report. */
export function toCheckReport(runner: HealthCheckRunner, result: CheckResult): HealthCheckReport {
  const { critical, probes } = runner.definition;
  const { history, streak } = runner;
  return {
    status: result.status,
    critical,
    probes,
    durationMs: result.durationMs,
    checkedAt: result.checkedAt,
    ...(result.error !== undefined && { error: result.error }),
    ...(result.details !== undefined && { details: result.details }),
    ...(history.since !== undefined && { since: history.since }),
    transitions: history.transitions,
    streak: { status: streak.failing ? 'failing' : 'passing', runs: streak.count },
    ...lastRunOf(runner, result),
  };
}

/** The run's own result, when damping keeps the status from following it. */
function lastRunOf(runner: HealthCheckRunner, result: CheckResult): Partial<HealthCheckReport> {
  const run = runner.lastRun;
  if (!run || run.status === result.status) return {};
  const { status, checkedAt, error } = run;
  return { lastRun: { status, checkedAt, ...(error !== undefined && { error }) } };
}
