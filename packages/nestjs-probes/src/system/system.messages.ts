import { describeBytes } from '../ready-made/ready-made.messages';

/** @internal */
export const DISK_SPACE_LOW = (figure: 'bytes' | 'percent', free: number, limit: number) =>
  figure === 'bytes'
    ? `free disk space ${describeBytes(free)} is below ${describeBytes(limit)}`
    : `free disk space ${free}% is below ${limit}%`;

/** @internal `reason` is the file system error with the configured path replaced. */
export const DISK_UNREADABLE = (reason: string) => `cannot read the file system: ${reason}`;

/** @internal */
export const MEMORY_HIGH = (
  figure: 'heapPercent' | 'heapBytes' | 'rssBytes',
  actual: number,
  limit: number,
) =>
  figure === 'heapPercent'
    ? `heap used ${actual}% of its limit, above ${limit}%`
    : `${figure === 'heapBytes' ? 'heap used' : 'RSS'} ${describeBytes(actual)}, above ${describeBytes(limit)}`;

/** @internal */
export const EVENT_LOOP_DELAYED = (p99Ms: number, limitMs: number) =>
  `event loop delay p99 ${p99Ms} ms, above ${limitMs} ms`;

/** @internal The `expected` text of a threshold object with none of its fields set. */
export const EXPECTED_THRESHOLD = (fields: readonly string[]) =>
  `an object with at least one of ${fields.join(', ')}`;

/** @internal The `expected` text when a down threshold is not stricter than its degraded one. */
export const EXPECTED_THRESHOLD_ORDER = (
  comparison: 'less' | 'more',
  other: string,
  otherValue: number,
  otherDefaulted: boolean,
) =>
  `${comparison} than ${other} (${otherValue}${otherDefaulted ? ' by default' : ''}), so that down is stricter than degraded`;
