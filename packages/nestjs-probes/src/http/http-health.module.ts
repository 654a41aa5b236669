import { type DynamicModule, Module } from '@nestjs/common';
import {
  type ReadyMadeRegistration,
  registerReadyMadeCheck,
} from '../ready-made/ready-made-check.registrar';
import { registerReadyMadeCheckAsync } from '../ready-made/ready-made-check-async.registrar';
import { HttpHealthCheck } from './http-health.check';
import {
  type HttpHealthAsyncOptions,
  type HttpHealthOptions,
  type ResolvedHttpHealthOptions,
} from './http-health-options.interface';
import { resolveHttpOptions } from './http-health.validation';

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
    return registerReadyMadeCheck({ ...HTTP_CHECK, options });
  }

  /**
   * `register()` with the options from `useFactory` (its URL and headers from configuration, say),
   * validated while the application bootstraps.
   */
  static registerAsync(options: HttpHealthAsyncOptions): DynamicModule {
    return registerReadyMadeCheckAsync({ ...HTTP_CHECK, options });
  }
}

const HTTP_CHECK = {
  module: HttpHealthModule,
  implementation: HttpHealthCheck,
  defaultName: 'http',
  ownOptions: ['url', 'method', 'expectedStatus', 'headers', 'degradedAboveMs'],
  resolve: resolveHttpOptions,
} satisfies Omit<ReadyMadeRegistration<HttpHealthOptions, ResolvedHttpHealthOptions>, 'options'>;
