import { EXPECTED, isPositiveDuration } from '../options/option.validators';
import { type OptionFailure } from './ready-made-check.registrar';

/** @internal Expected-value texts of the units more than one ready-made check measures in. */
export const EXPECTED_READY_MADE = {
  bytes: 'a finite number of bytes > 0',
  percent: 'a percentage > 0 and <= 100',
} as const;

const isPositiveFinite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** @internal A byte size: any positive finite number (sizes are compared, never allocated). */
export const isBytes = isPositiveFinite;

/** @internal In (0, 100]. */
export const isPercent = (value: unknown): value is number =>
  isPositiveFinite(value) && value <= 100;

/**
 * Fails unless `value` is absent or a positive duration. Every millisecond threshold of every
 * ready-made check goes through here, so all accept the same range and say so in the same words
 * as the core's `timeout` (capped at `MAX_DURATION_MS`, like every duration of the package).
 *
 * @internal
 */
export function checkMilliseconds(option: string, value: unknown, fail: OptionFailure): void {
  if (value !== undefined && !isPositiveDuration(value)) {
    fail(option, EXPECTED.positiveDuration, value);
  }
}
