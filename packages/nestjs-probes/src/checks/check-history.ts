import { type HealthCheckTransition, type HealthStatus } from '../interfaces';

/** @internal How many transitions a check keeps for the details endpoint. */
export const HISTORY_SIZE = 20;

/**
 * Since when a check has had its status, and its last transitions (a bounded ring, oldest first),
 * for the details endpoint.
 *
 * @internal
 */
export class CheckHistory {
  private readonly ring: HealthCheckTransition[] = [];
  private changedAt?: string;

  get since(): string | undefined {
    return this.changedAt;
  }

  get transitions(): readonly HealthCheckTransition[] {
    return this.ring;
  }

  record(from: HealthStatus | undefined, to: HealthStatus, at: string, error?: string): void {
    this.changedAt = at;
    this.ring.push({ ...(from !== undefined && { from }), to, at, ...(error && { error }) });
    if (this.ring.length > HISTORY_SIZE) this.ring.shift();
  }
}
