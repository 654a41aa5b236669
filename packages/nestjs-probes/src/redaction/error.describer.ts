import { types } from 'node:util';
import { secretMaskingReplacer } from './details.redactor';
import { redactSecrets } from './secret-text.redactor';

/**
 * What `describeError` answers when even reading the thrown value throws (a hostile Proxy, say).
 *
 * @internal
 */
export const UNDESCRIBABLE_FAILURE = 'the check failed with a value that could not be described';

const NON_ERROR = 'non-Error thrown: ';
/** `ECONNREFUSED`, `ERR_TLS_CERT_ALTNAME_INVALID`, or a 5-character SQLSTATE such as `28P01`. */
const ERROR_CODE = /^(?:[A-Z][A-Z0-9_]{1,63}|[0-9A-Z]{5})$/;
const MAX_INNER_ERRORS = 10;
/** An AggregateError may list itself; its inner errors are read this many levels deep at most. */
const MAX_NESTING = 3;

/**
 * One line saying why a check failed, redacted: the error's code (e.g. `ECONNREFUSED`) and message,
 * the messages inside an `AggregateError` (pg reports both ::1 and 127.0.0.1 that way), or a
 * description of a non-Error throw. Never throws, whatever it is given.
 *
 * @internal
 */
export function describeError(error: unknown): string {
  return describeRedacted(error, 0);
}

function describeRedacted(error: unknown, nesting: number): string {
  try {
    return redactSecrets(
      isError(error) ? describeErrorObject(error, nesting) : describeThrown(error),
    );
  } catch {
    return UNDESCRIBABLE_FAILURE;
  }
}

function isError(value: unknown): value is Error {
  // `instanceof` fails across realms (Jest's sandbox, vm contexts); isNativeError does not.
  return types.isNativeError(value) || value instanceof Error;
}

function describeErrorObject(error: Error, nesting: number): string {
  const message =
    readText(error, 'message') || innerMessages(error, nesting) || readText(error, 'name');
  const code = readErrorCode(error);
  const kind = code !== undefined && !message.includes(code) ? `${code}: ` : '';
  return `${kind}${message || 'Error'}`;
}

function innerMessages(error: Error, nesting: number): string {
  const inner = readProperty(error, 'errors');
  if (nesting >= MAX_NESTING || !Array.isArray(inner)) return '';
  const described = inner
    .slice(0, MAX_INNER_ERRORS)
    .map((each: unknown) => describeRedacted(each, nesting + 1));
  return [...new Set(described)].join('; ');
}

/** The code only when it looks like one: a secret passed as `code` is dropped. */
function readErrorCode(error: Error): string | undefined {
  const code = readProperty(error, 'code');
  return typeof code === 'string' && ERROR_CODE.test(code) ? code : undefined;
}

function readText(target: object, key: string): string {
  const value = readProperty(target, key);
  return typeof value === 'string' ? value : '';
}

function readProperty(target: unknown, key: string): unknown {
  try {
    return Reflect.get(target as object, key);
  } catch {
    return undefined;
  }
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  // A function's source may hold anything.
  if (typeof value === 'function') return `${NON_ERROR}a function`;
  if (value === null || typeof value !== 'object') return `${NON_ERROR}${String(value)}`;
  try {
    return `${NON_ERROR}${JSON.stringify(value, secretMaskingReplacer())}`;
  } catch {
    return `${NON_ERROR}an unserialisable object`;
  }
}

/**
 * Details carried by a thrown `@nestjs/terminus` `HealthCheckError` (`causes`), if any; undefined
 * when there are none or they cannot be read.
 *
 * @internal
 */
export function detailsOfError(error: unknown): Record<string, unknown> | undefined {
  const causes = readProperty(error, 'causes');
  return typeof causes === 'object' && causes !== null
    ? (causes as Record<string, unknown>)
    : undefined;
}
