import { FORCED_RUN_INTERVAL_MS } from '../health.constants';
import { type CheckResult } from '../results/check-result.interface';
import { type HealthCheckRunner } from './health-check.runner';

/**
 * Forced runs of a check (the admin refresh route): a run in flight is shared, and a check is forced
 * at most once per interval; a request within it gets that run's result.
 *
 * @internal
 */
export class ForcedRunLimiter {
  private readonly last = new WeakMap<
    HealthCheckRunner,
    { at: number; run: Promise<CheckResult> }
  >();

  constructor(private readonly intervalMs = FORCED_RUN_INTERVAL_MS) {}

  run(runner: HealthCheckRunner, now = performance.now()): Promise<CheckResult> {
    const last = this.last.get(runner);
    if (last && now - last.at < this.intervalMs) return last.run;
    const run = runner.refresh();
    this.last.set(runner, { at: now, run });
    return run;
  }
}
