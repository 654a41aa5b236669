import { type LoggerService } from '@nestjs/common';
import {
  CHECK_DEGRADED,
  CHECK_RECOVERED,
  CHECK_TRANSITIONS_SUPPRESSED,
  CHECK_WENT_DOWN,
} from '../health.messages';
import { type HealthStatus } from '../interfaces';

/** @internal Transition lines one check may log per window before they are summarised. */
export const TRANSITION_LOG_BURST = 5;
/** @internal */
export const TRANSITION_LOG_WINDOW_MS = 10_000;

interface Transition {
  readonly status: HealthStatus;
  readonly error?: string;
}

/**
 * Logs one check's status changes: down as an error (a warning when not critical), degraded as a
 * warning, recovery as a log line. A flapping check with ttl 0 would otherwise let anonymous probes
 * write a line each (#9): past a burst per window the changes are counted, and the window's end
 * logs one summary with the status the check ended in.
 *
 * @internal
 */
export class HealthCheckTransitionLogger {
  private windowStart = -Infinity;
  private logged = 0;
  private suppressed = 0;
  private latest?: Transition;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly name: string,
    private readonly critical: boolean,
    private readonly logger: LoggerService,
  ) {}

  record(previous: HealthStatus | undefined, transition: Transition): void {
    const now = performance.now();
    if (now - this.windowStart >= TRANSITION_LOG_WINDOW_MS) {
      this.windowStart = now;
      this.logged = 0;
    }
    if (this.logged < TRANSITION_LOG_BURST) {
      this.logged++;
      this.write(previous, transition);
      return;
    }
    this.suppressed++;
    this.latest = transition;
    this.timer ??= setTimeout(
      () => this.flush(),
      this.windowStart + TRANSITION_LOG_WINDOW_MS - now,
    );
    this.timer.unref();
  }

  private flush(): void {
    this.timer = undefined;
    const { latest, suppressed } = this;
    this.suppressed = 0;
    this.latest = undefined;
    if (!latest) return;
    this.windowStart = performance.now();
    this.logged = 1;
    const summary = CHECK_TRANSITIONS_SUPPRESSED(
      this.name,
      suppressed,
      TRANSITION_LOG_WINDOW_MS,
      latest.status,
      latest.error,
    );
    this.at(latest.status)(summary);
  }

  private write(previous: HealthStatus | undefined, { status, error }: Transition): void {
    if (status === 'down') this.at(status)(CHECK_WENT_DOWN(this.name, error));
    else if (status === 'degraded') this.at(status)(CHECK_DEGRADED(this.name, error));
    else if (previous !== undefined) this.at(status)(CHECK_RECOVERED(this.name));
  }

  private at(status: HealthStatus): (message: string) => void {
    const { logger } = this;
    const level: 'log' | 'error' | 'warn' =
      status === 'up' ? 'log' : status === 'down' && this.critical ? 'error' : 'warn';
    return (message) => {
      // An application's own logger that throws must not wedge the check that logged.
      try {
        logger[level](message);
      } catch {
        /* nothing left to report it to */
      }
    };
  }
}
