/**
 * The code and message of a `fetch` failure's `cause`, read by shape: undici may throw from another
 * realm (a VM context, Jest), where `instanceof Error` is false. Callers redact or trim the result.
 *
 * @internal
 */
export function describeFetchFailure(cause: unknown): string {
  const { code, message, errors } = (cause ?? {}) as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  // Happy eyeballs (`localhost` as ::1 and 127.0.0.1) fails with an AggregateError and no message.
  if (!message && Array.isArray(errors) && errors.length > 0) {
    return [...new Set(errors.map(describeFetchFailure))].join('; ');
  }
  const text = typeof message === 'string' && message ? message : String(cause);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}
