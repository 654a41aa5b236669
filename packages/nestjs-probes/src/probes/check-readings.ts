import { type HealthCheckRunner } from '../checks/health-check.runner';
import { type HealthStatus } from '../interfaces';
import { type CheckResult } from '../results/check-result.interface';
import { worstStatus } from '../results/health-status';

/** @internal A check's result, or its run in flight. */
export type Reading = CheckResult | Promise<CheckResult>;

/** The probe's status; a check whose run outlasts `budgetMs` counts as down for this answer. */
export function evaluate(
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
export function withinDeadline(
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
export function toRetryAfter(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export function combine(
  pairs: ReadonlyArray<readonly [HealthCheckRunner, CheckResult | HealthStatus]>,
): HealthStatus {
  let status: HealthStatus = 'up';
  for (const [runner, result] of pairs)
    status = worstStatus(status, effectiveStatus(runner, result));
  return status;
}

export function combineLast(runners: readonly HealthCheckRunner[]): HealthStatus {
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

export const readNow = (runner: HealthCheckRunner): Reading => runner.read();

export function isSettled<T>(reading: T | Promise<T>): reading is T {
  return !(reading instanceof Promise);
}
