import {
  degraded,
  type HealthCheckDegraded,
  type HealthCheckDown,
  down,
} from '../results/health-status';
import {
  crossedThreshold,
  type Threshold,
  type ThresholdCrossing,
  type ThresholdDirection,
} from './health-threshold.util';

/** @internal What a threshold check measured, and how its thresholds read those figures. */
export interface ThresholdReading<K extends string, D extends object> {
  /** What the check reports, whatever the verdict. */
  readonly details: D;
  /** The figure each threshold field is compared with. */
  readonly figures: Readonly<Record<K, number>>;
  readonly direction: ThresholdDirection;
  readonly down?: Threshold<K>;
  readonly degraded?: Threshold<K>;
  /** The reason given for the first field crossed. */
  readonly reason: (field: K, figure: number, limit: number) => string;
}

/**
 * The verdict of a check with a down and a degraded threshold: `down()` when the down threshold is
 * crossed (checked first, as it is the stricter), else `degraded()`, else the details alone (up).
 * Each system check then states only what it measures.
 *
 * @internal
 */
export function thresholdVerdict<K extends string, D extends object>(
  reading: ThresholdReading<K, D>,
): D | HealthCheckDown | HealthCheckDegraded {
  const { details, figures, direction } = reading;
  const reason = ({ field, figure, limit }: ThresholdCrossing<K>) =>
    reading.reason(field, figure, limit);
  // A copy per outcome, as the checks made it. (The details interfaces declare no index signature,
  // which a generic `D` cannot be shown to satisfy; a copy of a plain object always does.)
  const copy = () => ({ ...details }) as Record<string, unknown>;
  const downCrossed = crossedThreshold(reading.down, figures, direction);
  if (downCrossed) return down(reason(downCrossed), copy());
  const degradedCrossed = crossedThreshold(reading.degraded, figures, direction);
  if (degradedCrossed) return degraded(reason(degradedCrossed), copy());
  return details;
}
