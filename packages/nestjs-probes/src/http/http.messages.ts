/** @internal */
export const HTTP_UNEXPECTED_STATUS = (status: number, [min, max]: readonly [number, number]) =>
  `HTTP ${status}, expected ${min === max ? min : `${min}-${max}`}`;

/** @internal */
export const HTTP_SLOW = (latencyMs: number, limitMs: number) =>
  `response took ${latencyMs} ms, above ${limitMs} ms`;

/** @internal */
export const HTTP_REQUEST_FAILED = (reason: string) => `request failed: ${reason}`;
