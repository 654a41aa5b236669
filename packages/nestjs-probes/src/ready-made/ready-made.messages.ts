import { describeValue } from '../health.messages';

/** @internal */
export const INVALID_READY_MADE_OPTION = (
  moduleName: string,
  className: string,
  option: string,
  expected: string,
  actual: unknown,
) =>
  `${moduleName}.register() (${className}.check): option "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const UNKNOWN_READY_MADE_OPTION = (
  moduleName: string,
  className: string,
  option: string,
  known: readonly string[],
) =>
  `${moduleName}.register() (${className}.check): unknown option "${option}". Known options: ${known.join(', ')}.`;

/** @internal Sent by `SingleOutstandingCall`, which the typeorm, ioredis and disk checks share. */
export const PREVIOUS_CALL_UNANSWERED = (what: string, ageMs: number) =>
  `no answer to the previous ${what} for ${Math.round(ageMs)} ms; not sending another until it settles`;

/** @internal A slow round trip to a database: the typeorm and ioredis checks word it alike. */
export const PING_SLOW = (latencyMs: number, thresholdMs: number) =>
  `ping took ${latencyMs} ms, above ${thresholdMs} ms`;

/** @internal Bytes in binary units with one decimal, e.g. `10.0 MiB`. */
export const describeBytes = (bytes: number): string => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
};
