import { type FaultTimings } from './fault-row.util';

export const TTL_MS = 500;
export const TIMEOUT_MS = 500;

/**
 * The bounds every row asserts: readiness shows a fault, and recovery, within ttl + timeout, and
 * every probe answers within the timeout. The slack covers the 20 ms polling, the HTTP round trip
 * and scheduling jitter on CI, where three test lanes share two cores; the measured figures (docs/fault-matrix.md) show
 * how close the real answers come.
 */
export const TIMINGS: FaultTimings = {
  withinMs: TTL_MS + TIMEOUT_MS + 600,
  probeWithinMs: TIMEOUT_MS + 500,
};
