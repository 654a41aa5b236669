/**
 * Whether `value` is a thenable, as Promises/A+ defines it (an object or function with a `then`
 * method): what user code may return where a promise is allowed.
 *
 * @internal
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
