import { PROBE_ANSWERED, PROBE_FAILED, PROBE_TIMED_OUT } from './probe.messages';
import { type ProbeTarget } from './probe-target.util';
import { describeFetchFailure } from '../utils/describe-fetch-failure.util';

/** @internal */
export interface ProbeOutcome {
  readonly healthy: boolean;
  /** One line naming the URL and the answer or failure; never the response body. */
  readonly line: string;
}

/**
 * Sends one GET, bounded by `timeoutMs` from the start of the request to the response headers.
 * Healthy on a 2xx; redirects are answers, not followed. The body is cancelled unread: the status
 * is enough, and a huge or endless body must not hold the probe.
 *
 * The promise may never settle: `fetch` leaves it pending when the server closes some connections
 * without answering, and nothing then keeps the process alive. The command's exit guard
 * (`guardProbeExit`) turns that into exit 1.
 *
 * @internal
 */
export async function requestProbe(target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(target.url, { headers: target.headers, redirect: 'manual', signal });
  } catch (error) {
    if (signal.aborted) return { healthy: false, line: PROBE_TIMED_OUT(target.url, timeoutMs) };
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, TLS) is its cause.
    const cause = (error as { cause?: unknown } | null)?.cause ?? error;
    return { healthy: false, line: PROBE_FAILED(target.url, describeCause(cause)) };
  }
  response.body?.cancel().catch(() => undefined);
  const healthy = response.status >= 200 && response.status <= 299;
  return { healthy, line: PROBE_ANSWERED(target.url, response.status) };
}

/** @internal The first line of a fetch failure's cause: one stderr line per run. */
export function describeCause(cause: unknown): string {
  return describeFetchFailure(cause).split('\n')[0];
}
