import { degraded, down } from '../results/health-status';
import { type ReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { describeFetchFailure } from '../utils/describe-fetch-failure.util';
import { roundToTenth } from '../utils/round-to-tenth.util';
import {
  type HttpHealthDetails,
  type ResolvedHttpHealthOptions,
} from './http-health-options.interface';
import { HTTP_REQUEST_FAILED, HTTP_SLOW, HTTP_UNEXPECTED_STATUS } from './http.messages';

/** Bodies up to this size are read to the end, so the connection goes back to the pool. */
const MAX_DRAINED_BYTES = 64 * 1024;

/**
 * Requests the URL with the global `fetch`, aborted by the check's signal at its timeout, and
 * compares the status with the expected range. Redirects are not followed. The body is read (up to
 * 64 KiB, then cancelled) so the keep-alive connection is reused rather than left busy.
 *
 * @internal
 */
export class HttpHealthCheck implements ReadyMadeCheck {
  constructor(private readonly options: ResolvedHttpHealthOptions) {}

  async check(signal: AbortSignal): Promise<unknown> {
    const startedAt = performance.now();
    const response = await this.send(signal);
    await drain(response);
    const details: HttpHealthDetails = {
      statusCode: response.status,
      latencyMs: roundToTenth(performance.now() - startedAt),
    };
    const { expectedStatus, degradedAboveMs } = this.options;
    const [min, max] = expectedStatus;
    if (response.status < min || response.status > max) {
      return down(HTTP_UNEXPECTED_STATUS(response.status, expectedStatus), { ...details });
    }
    if (degradedAboveMs !== undefined && details.latencyMs > degradedAboveMs) {
      return degraded(HTTP_SLOW(details.latencyMs, degradedAboveMs), { ...details });
    }
    return details;
  }

  private async send(signal: AbortSignal): Promise<Response> {
    const { url, method, headers } = this.options;
    try {
      return await fetch(url, { method, headers, redirect: 'manual', signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, a TLS error) is its cause.
      const cause = (error as { cause?: unknown } | null)?.cause ?? error;
      throw new Error(HTTP_REQUEST_FAILED(describeFetchFailure(cause)), { cause });
    }
  }
}

async function drain(response: Response): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let read = 0;
  while (read <= MAX_DRAINED_BYTES) {
    const chunk = await reader.read();
    if (chunk.done) return;
    read += chunk.value.byteLength;
  }
  await reader.cancel();
}
