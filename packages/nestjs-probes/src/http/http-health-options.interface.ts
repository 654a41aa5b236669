import { type ReadyMadeCheckAsyncOptions, type ReadyMadeCheckOptions } from '../interfaces';

/**
 * The methods `HttpHealthModule` may send (fetch forbids `CONNECT` and `TRACE`): the one list the
 * method type, its validation and its error text are all derived from.
 *
 * @internal
 */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The methods `HttpHealthModule` may send (fetch forbids `CONNECT` and `TRACE`).
 *
 * @publicApi
 */
export type HttpHealthMethod = (typeof HTTP_METHODS)[number];

/**
 * Options of `HttpHealthModule.register()`.
 *
 * @publicApi
 */
export interface HttpHealthOptions extends ReadyMadeCheckOptions {
  /** The `http:` or `https:` URL to request. Never shown in the details. */
  url: string | URL;
  /**
   * The request method (case-insensitive). The request has no body.
   * @default 'GET'
   */
  method?: HttpHealthMethod | Lowercase<HttpHealthMethod>;
  /**
   * The status that counts as up: one code, or an inclusive `[min, max]` range. Redirects are not
   * followed, so a 3xx is compared as it is.
   * @default [200, 299]
   */
  expectedStatus?: number | readonly [number, number];
  /** Request headers (a bearer token, say). Their values are never shown, in details or errors. */
  headers?: Record<string, string>;
  /**
   * A response slower than this (milliseconds, until its body is read) reports `degraded`.
   * @default undefined (latency alone never degrades)
   */
  degradedAboveMs?: number;
}

/**
 * Options of `HttpHealthModule.registerAsync()`: `useFactory` returns the options of `register()` but
 * `imports` (`@HealthCheck()` options may also sit next to it; the factory's win).
 *
 * @example
 * ```ts
 * HttpHealthModule.registerAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config: ConfigService) => ({ url: config.get('PAYMENTS_URL'), headers: { authorization: config.get('PAYMENTS_TOKEN') } }) })
 * ```
 * @publicApi
 */
export type HttpHealthAsyncOptions = ReadyMadeCheckAsyncOptions<Omit<HttpHealthOptions, 'imports'>>;

/**
 * The details the HTTP check reports.
 *
 * @publicApi
 */
export interface HttpHealthDetails {
  statusCode: number;
  /** From sending the request to the end of the response body, one decimal. */
  latencyMs: number;
}

/** @internal */
export interface ResolvedHttpHealthOptions {
  readonly url: string;
  readonly method: HttpHealthMethod;
  readonly expectedStatus: readonly [number, number];
  readonly headers: Readonly<Record<string, string>>;
  readonly degradedAboveMs?: number;
}
