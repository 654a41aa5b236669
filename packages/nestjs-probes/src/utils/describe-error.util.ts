import { types } from 'node:util';
import { redactSecrets } from './redact-secrets.util';

/**
 * One line saying why a check failed, redacted: the error's code (e.g. `ECONNREFUSED`) and message,
 * the messages inside an `AggregateError` (pg reports both ::1 and 127.0.0.1 that way), or a
 * description of a non-Error throw.
 *
 * @internal
 */
export function describeError(error: unknown): string {
  // `instanceof` fails across realms (Jest's sandbox, vm contexts); isNativeError does not.
  if (!(error instanceof Error) && !types.isNativeError(error)) {
    return redactSecrets(describeThrown(error));
  }
  const code = (error as { code?: unknown }).code;
  let message = error.message;
  if (!message && Array.isArray((error as AggregateError).errors)) {
    const inner = (error as AggregateError).errors;
    message = [...new Set(inner.map((each) => describeError(each)))].join('; ');
  }
  const kind = typeof code === 'string' && !message.includes(code) ? `${code}: ` : '';
  return redactSecrets(`${kind}${message || error.name}`);
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return `non-Error thrown: ${String(value)}`;
  try {
    return `non-Error thrown: ${JSON.stringify(value)}`;
  } catch {
    return 'non-Error thrown: an unserialisable object';
  }
}

/** Details carried by a thrown `@nestjs/terminus` `HealthCheckError` (`causes`), if any. */
export function detailsOfError(error: unknown): Record<string, unknown> | undefined {
  const causes = (error as { causes?: unknown } | null)?.causes;
  return typeof causes === 'object' && causes !== null
    ? (causes as Record<string, unknown>)
    : undefined;
}
