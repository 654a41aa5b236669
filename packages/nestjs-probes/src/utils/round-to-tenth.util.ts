/**
 * Milliseconds (or any figure) with one decimal, as every duration and latency is reported.
 *
 * @internal
 */
export const roundToTenth = (value: number): number => Math.round(value * 10) / 10;
