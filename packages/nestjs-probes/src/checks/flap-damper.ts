import { type HealthStatus } from '../interfaces';

/** @internal The run of consecutive runs that failed (`down`) or passed (up or degraded). */
export interface RunStreak {
  readonly failing: boolean;
  readonly count: number;
}

/**
 * Flap damping with the kubelet's names: a check that counts as up (or degraded) counts as down
 * only after `failureThreshold` consecutive failed runs, and a down one as up again only after
 * `successThreshold` consecutive good runs. Between up and degraded there is no damping: both pass.
 * With both thresholds at 1 (the default) every run's own status counts at once.
 *
 * @internal
 */
export class FlapDamper {
  private current: RunStreak = { failing: false, count: 0 };

  constructor(
    private readonly failureThreshold: number,
    private readonly successThreshold: number,
  ) {}

  get streak(): RunStreak {
    return this.current;
  }

  /** The status the check counts as after a run ended in `raw`, having counted as `previous`. */
  next(previous: HealthStatus | undefined, raw: HealthStatus): HealthStatus {
    const failing = raw === 'down';
    this.current =
      this.current.failing === failing && this.current.count > 0
        ? { failing, count: this.current.count + 1 }
        : { failing, count: 1 };
    if (previous === undefined) return raw;
    if (failing) {
      return previous === 'down' || this.current.count >= this.failureThreshold ? 'down' : previous;
    }
    return previous !== 'down' || this.current.count >= this.successThreshold ? raw : 'down';
  }
}
