import { setTimeout as delay } from 'node:timers/promises';

/** How long to poll, and what for (named in the timeout error). */
export interface PollOptions {
  what: string;
  timeoutMs: number;
  /** @default 25 */
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns true. Rejects once `timeoutMs` has passed (plus the duration of
 * the last probe, so probes must be bounded themselves), or at once when `probe` throws.
 * Resolves the milliseconds it took.
 */
export async function pollUntil(
  probe: () => boolean | Promise<boolean>,
  { what, timeoutMs, intervalMs = 25 }: PollOptions,
): Promise<number> {
  const startedAt = performance.now();
  while (!(await probe())) {
    if (performance.now() - startedAt >= timeoutMs) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await delay(intervalMs);
  }
  return performance.now() - startedAt;
}
