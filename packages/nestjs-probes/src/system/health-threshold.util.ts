import { isPlainObject } from '../options/option.validators';
import { type OptionFailure } from '../ready-made/ready-made-check.registrar';
import { EXPECTED_READY_MADE, isBytes, isPercent } from '../ready-made/ready-made.validation';
import { EXPECTED_THRESHOLD, EXPECTED_THRESHOLD_ORDER } from './system.messages';

/** @internal How each field of a threshold object is measured. */
export type ThresholdUnits<K extends string> = Readonly<Record<K, 'bytes' | 'percent'>>;

/** @internal A validated threshold object: only the fields that were set. */
export type Threshold<K extends string> = Readonly<Partial<Record<K, number>>>;

/** @internal `below`: crossed when a figure falls under its limit; `above`: when it exceeds it. */
export type ThresholdDirection = 'below' | 'above';

/**
 * Validates one threshold object (`downBelow: { bytes, percent }`, say): known fields only, each a
 * positive number (percentages at most 100), and at least one of them set.
 *
 * @internal
 */
export function resolveThreshold<K extends string>(
  option: string,
  given: unknown,
  units: ThresholdUnits<K>,
  fail: OptionFailure,
): Threshold<K> {
  const fields = Object.keys(units) as K[];
  if (!isPlainObject(given)) return fail(option, EXPECTED_THRESHOLD(fields), given);
  const threshold: Partial<Record<K, number>> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!fields.includes(key as K)) {
      fail(`${option}.${key}`, `absent (known fields: ${fields.join(', ')})`, value);
    }
    if (value === undefined) continue;
    const percent = units[key as K] === 'percent';
    if (percent ? !isPercent(value) : !isBytes(value)) {
      fail(`${option}.${key}`, EXPECTED_READY_MADE[percent ? 'percent' : 'bytes'], value);
    }
    threshold[key as K] = value as number;
  }
  if (Object.keys(threshold).length === 0) fail(option, EXPECTED_THRESHOLD(fields), given);
  return threshold;
}

/** @internal One down threshold and its degraded counterpart, as `checkThresholdOrder` reads them. */
export interface ThresholdPair<K extends string> {
  readonly direction: ThresholdDirection;
  readonly down: { option: string; value: Threshold<K>; defaulted: boolean };
  readonly degraded: { option: string; value: Threshold<K>; defaulted: boolean };
}

/**
 * Fails when a field set in both thresholds would make `degraded` unreachable (a down limit at or
 * past its degraded one). The option blamed is the one the user wrote: a default is only named.
 *
 * @internal
 */
export function checkThresholdOrder<K extends string>(
  { direction, down, degraded }: ThresholdPair<K>,
  fail: OptionFailure,
): void {
  for (const key of Object.keys(down.value) as K[]) {
    const downLimit = down.value[key];
    const degradedLimit = degraded.value[key];
    if (downLimit === undefined || degradedLimit === undefined) continue;
    if (direction === 'below' ? downLimit < degradedLimit : downLimit > degradedLimit) continue;
    const [blamed, other] = down.defaulted ? [degraded, down] : [down, degraded];
    const blamedIsDown = blamed === down;
    const comparison = (direction === 'below') === blamedIsDown ? 'less' : 'more';
    fail(
      `${blamed.option}.${key}`,
      EXPECTED_THRESHOLD_ORDER(
        comparison,
        `${other.option}.${key}`,
        other.value[key]!,
        other.defaulted,
      ),
      blamed.value[key],
    );
  }
}

/** @internal A field of a threshold that its figure crossed. */
export interface ThresholdCrossing<K extends string> {
  readonly field: K;
  readonly figure: number;
  readonly limit: number;
}

/**
 * The first field of `threshold` whose figure crosses it, with that figure and limit.
 *
 * @internal
 */
export function crossedThreshold<K extends string>(
  threshold: Threshold<K> | undefined,
  figures: Readonly<Record<K, number>>,
  direction: ThresholdDirection,
): ThresholdCrossing<K> | undefined {
  if (!threshold) return undefined;
  for (const field of Object.keys(threshold) as K[]) {
    const limit = threshold[field]!;
    const figure = figures[field];
    if (direction === 'below' ? figure < limit : figure > limit) return { field, figure, limit };
  }
  return undefined;
}
