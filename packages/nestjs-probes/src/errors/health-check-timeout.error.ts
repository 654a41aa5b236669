import { CHECK_TIMED_OUT } from '../health.messages';

/**
 * The reason of the `AbortSignal` a check receives when its run exceeds `timeout`.
 *
 * @publicApi
 */
export class HealthCheckTimeoutError extends Error {
  readonly code = 'HEALTH_ERR_TIMEOUT';
  override readonly name = 'HealthCheckTimeoutError';

  constructor(
    readonly checkName: string,
    readonly timeoutMs: number,
  ) {
    super(CHECK_TIMED_OUT(timeoutMs));
  }
}
