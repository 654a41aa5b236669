import { describeValue } from '../health.messages';

/** @internal */
export const INVALID_READY_MADE_OPTION = (
  moduleName: string,
  className: string,
  option: string,
  expected: string,
  actual: unknown,
  method: 'register' | 'registerAsync' = 'register',
) =>
  `${moduleName}.${method}() (${className}.check): option "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const UNKNOWN_READY_MADE_OPTION = (
  moduleName: string,
  className: string,
  option: string,
  known: readonly string[],
  method: 'register' | 'registerAsync' = 'register',
) =>
  `${moduleName}.${method}() (${className}.check): unknown option "${option}". Known options: ${known.join(', ')}.`;

/** @internal `useFactory` of a `registerAsync()` threw or rejected; `reason` is already redacted. */
export const READY_MADE_FACTORY_FAILED = (moduleName: string, className: string, reason: string) =>
  `${moduleName}.registerAsync() (${className}.check): useFactory failed: ${reason}`;

/**
 * @internal An option `useFactory` returned that must sit next to it: it is read when the module is
 * defined (`imports`, or the injection token of the check's dependency).
 */
export const READY_MADE_OPTION_NOT_FROM_FACTORY = (
  moduleName: string,
  className: string,
  option: string,
) =>
  `${moduleName}.registerAsync() (${className}.check): option "${option}" came from useFactory, but it is needed before factories run. Give it next to useFactory: ${moduleName}.registerAsync({ ${option}, useFactory }).`;

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
