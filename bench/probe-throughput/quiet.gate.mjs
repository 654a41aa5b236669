import { createQuietGate } from '../support/quiet-cpu.gate.mjs';
import { QUIET_BUDGET_MS, QUIET_THRESHOLD_PERCENT } from './settings.config.mjs';

/** One budget (BENCH_QUIET_BUDGET) for the whole run: the first check and every measurement. */
export const waitForQuiet = createQuietGate({
  thresholdPercent: QUIET_THRESHOLD_PERCENT,
  budgetMs: QUIET_BUDGET_MS,
});
