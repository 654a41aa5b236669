import { type Logger } from '@nestjs/common';
import { type HealthCheckRun } from '../events/health-status-change.interface';
import { describeError } from '../redaction/error.describer';

/**
 * `record`, made safe to subscribe to `HealthEvents.runs$`: rxjs hands an error thrown by a
 * subscriber to a timer that rethrows it, which would crash the process, so a run that cannot be
 * recorded is logged instead.
 *
 * @internal
 */
export function recordingSafely(
  record: (run: HealthCheckRun) => void,
  logger: Logger,
  failed: (check: string, reason: string) => string,
): (run: HealthCheckRun) => void {
  return (run) => {
    try {
      record(run);
    } catch (error) {
      logger.warn(failed(run.name, describeError(error)));
    }
  };
}
