import { machineBusyMs } from './proc-stat.sampler.mjs';
import { sleep } from './sleep.timing.mjs';

const SAMPLE_MS = 250;
const MAX_WAIT_MS = 3_000;

/**
 * The machine is shared: before a measurement, while our server is idle, wait (a little, within
 * `budgetMs` for the whole run) for other processes to use less than `thresholdPercent` of a core.
 * Returns `waitForQuiet()`, resolving `{ waitedMs, busyPercent }` (busyPercent null off Linux).
 */
export function createQuietGate({ thresholdPercent, budgetMs }) {
  let budgetLeftMs = budgetMs;
  return async function waitForQuiet() {
    let waited = 0;
    for (;;) {
      const before = machineBusyMs();
      if (before === undefined) return { waitedMs: 0, busyPercent: null };
      await sleep(SAMPLE_MS);
      waited += SAMPLE_MS;
      const busyPercent = ((machineBusyMs() - before) / SAMPLE_MS) * 100;
      if (busyPercent < thresholdPercent || budgetLeftMs <= 0 || waited >= MAX_WAIT_MS) {
        return { waitedMs: waited, busyPercent: Math.round(busyPercent) };
      }
      budgetLeftMs -= SAMPLE_MS;
    }
  };
}
