import { type DynamicModule, Module } from '@nestjs/common';
import {
  EXPECTED_READY_MADE,
  isPlainObject,
  isPositiveFinite,
} from '../utils/option-validators.util';
import {
  type OptionFailure,
  registerReadyMadeCheck,
} from '../utils/register-ready-made-check.util';
import { HttpHealthCheck } from './http-health.check';
import {
  type HttpHealthMethod,
  type HttpHealthOptions,
  type ResolvedHttpHealthOptions,
} from './http-health-options.interface';

const METHODS: readonly HttpHealthMethod[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
];

const DEFAULT_EXPECTED_STATUS = [200, 299] as const;

/**
 * Registers a check of an HTTP dependency (default name `'http'`): one request per run with the
 * global `fetch`, aborted at the check's timeout, `down` when the status is outside
 * `expectedStatus` (2xx unless set) or the request fails. The details hold the status code and the
 * latency, never the URL or the header values.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), HttpHealthModule.register({ name: 'payments', url: 'https://payments.internal/health', timeout: 1000 })]
 * ```
 * @publicApi
 */
@Module({})
export class HttpHealthModule {
  static register(options: HttpHealthOptions): DynamicModule {
    return registerReadyMadeCheck<HttpHealthOptions, ResolvedHttpHealthOptions>({
      module: HttpHealthModule,
      implementation: HttpHealthCheck,
      defaultName: 'http',
      options,
      ownOptions: ['url', 'method', 'expectedStatus', 'headers', 'degradedAboveMs'],
      resolve: (given, fail) => ({
        url: resolveUrl(given.url, fail),
        method: resolveMethod(given.method ?? 'GET', fail),
        expectedStatus: resolveStatus(given.expectedStatus ?? DEFAULT_EXPECTED_STATUS, fail),
        headers: resolveHeaders(given.headers ?? {}, fail),
        degradedAboveMs: resolveLatency(given.degradedAboveMs, fail),
      }),
    });
  }
}

function resolveUrl(url: unknown, fail: OptionFailure): string {
  const text = typeof url === 'string' || url instanceof URL ? String(url) : undefined;
  // A bootstrap error is logged: keep credentials out of it.
  const shown = text?.replace(/\/\/[^/?#@]*@/, '//***@') ?? url;
  const parsed = text !== undefined && URL.canParse(text) ? new URL(text) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return fail('url', EXPECTED_READY_MADE.url, shown);
  }
  // fetch refuses such a URL on every run; say so now.
  if (parsed.username || parsed.password) fail('url', EXPECTED_READY_MADE.urlCredentials, shown);
  return parsed.href;
}

function resolveMethod(method: unknown, fail: OptionFailure): HttpHealthMethod {
  const upper = typeof method === 'string' ? method.toUpperCase() : undefined;
  if (!METHODS.includes(upper as HttpHealthMethod))
    fail('method', EXPECTED_READY_MADE.method, method);
  return upper as HttpHealthMethod;
}

function resolveStatus(status: unknown, fail: OptionFailure): readonly [number, number] {
  const range = typeof status === 'number' ? [status, status] : status;
  const valid =
    Array.isArray(range) && range.length === 2 && range.every(isStatusCode) && range[0] <= range[1];
  if (!valid) fail('expectedStatus', EXPECTED_READY_MADE.status, status);
  return [range[0], range[1]];
}

const isStatusCode = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;

function resolveHeaders(headers: unknown, fail: OptionFailure): Record<string, string> {
  if (!isPlainObject(headers)) return fail('headers', EXPECTED_READY_MADE.headers, headers);
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      // Only the kind of a non-string value is shown: it may still be a secret (a Buffer).
      fail(`headers.${name}`, EXPECTED_READY_MADE.headerValue, typeof value);
    }
    try {
      new Headers([[name, value]]);
    } catch {
      fail(`headers.${name}`, EXPECTED_READY_MADE.header, '***');
    }
  }
  return { ...(headers as Record<string, string>) };
}

function resolveLatency(ms: unknown, fail: OptionFailure): number | undefined {
  if (ms !== undefined && !isPositiveFinite(ms)) {
    fail('degradedAboveMs', EXPECTED_READY_MADE.milliseconds, ms);
  }
  return ms as number | undefined;
}
