import { isPlainObject } from '../options/option.validators';
import { type OptionFailure } from '../ready-made/ready-made-check.registrar';
import { checkMilliseconds } from '../ready-made/ready-made.validation';
import {
  HTTP_METHODS,
  type HttpHealthMethod,
  type HttpHealthOptions,
  type ResolvedHttpHealthOptions,
} from './http-health-options.interface';

/** @internal Expected-value texts of `HttpHealthModule`'s own options. */
export const HTTP_EXPECTED = {
  url: 'an http: or https: URL (a string or URL)',
  urlCredentials: 'a URL without credentials (send them in "headers")',
  method: `one of ${HTTP_METHODS.join(', ')}`,
  status: 'an HTTP status code (a whole number from 100 to 599) or a [min, max] range of them',
  headers: 'an object of header names to string values',
  headerValue: 'a string',
  header: 'a valid HTTP header name with a value free of CR, LF and NUL (value not shown)',
} as const;

const DEFAULT_METHOD: HttpHealthMethod = 'GET';
const DEFAULT_EXPECTED_STATUS = [200, 299] as const;

/**
 * Validates and fills the options of one `HttpHealthModule.register()`, calling `fail` on the first
 * bad one.
 *
 * @internal
 */
export function resolveHttpOptions(
  given: HttpHealthOptions,
  fail: OptionFailure,
): ResolvedHttpHealthOptions {
  // In this order, which is the order of the first failure reported.
  const url = resolveUrl(given.url, fail);
  const method = resolveMethod(given.method ?? DEFAULT_METHOD, fail);
  const expectedStatus = resolveStatus(given.expectedStatus ?? DEFAULT_EXPECTED_STATUS, fail);
  const headers = resolveHeaders(given.headers ?? {}, fail);
  checkMilliseconds('degradedAboveMs', given.degradedAboveMs, fail);
  return { url, method, expectedStatus, headers, degradedAboveMs: given.degradedAboveMs };
}

function resolveUrl(url: unknown, fail: OptionFailure): string {
  const text = typeof url === 'string' || url instanceof URL ? String(url) : undefined;
  // A bootstrap error is logged: keep credentials out of it.
  const shown = text?.replace(/\/\/[^/?#@]*@/, '//***@') ?? url;
  const parsed = text !== undefined && URL.canParse(text) ? new URL(text) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return fail('url', HTTP_EXPECTED.url, shown);
  }
  // fetch refuses such a URL on every run; say so now.
  if (parsed.username || parsed.password) fail('url', HTTP_EXPECTED.urlCredentials, shown);
  return parsed.href;
}

function resolveMethod(method: unknown, fail: OptionFailure): HttpHealthMethod {
  const upper = typeof method === 'string' ? method.toUpperCase() : undefined;
  if (!HTTP_METHODS.includes(upper as HttpHealthMethod)) {
    fail('method', HTTP_EXPECTED.method, method);
  }
  return upper as HttpHealthMethod;
}

function resolveStatus(status: unknown, fail: OptionFailure): readonly [number, number] {
  const range = typeof status === 'number' ? [status, status] : status;
  const valid =
    Array.isArray(range) && range.length === 2 && range.every(isStatusCode) && range[0] <= range[1];
  if (!valid) fail('expectedStatus', HTTP_EXPECTED.status, status);
  return [range[0], range[1]];
}

const isStatusCode = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;

function resolveHeaders(headers: unknown, fail: OptionFailure): Record<string, string> {
  if (!isPlainObject(headers)) return fail('headers', HTTP_EXPECTED.headers, headers);
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      // Only the kind of a non-string value is shown: it may still be a secret (a Buffer).
      fail(`headers.${name}`, HTTP_EXPECTED.headerValue, typeof value);
    }
    try {
      new Headers([[name, value]]);
    } catch {
      fail(`headers.${name}`, HTTP_EXPECTED.header, '***');
    }
  }
  return { ...(headers as Record<string, string>) };
}
