import { type DynamicModule, Module } from '@nestjs/common';
import { registerReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { HttpHealthCheck } from './http-health.check';
import {
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
    return registerReadyMadeCheck<HttpHealthOptions, ResolvedHttpHealthOptions>({
      module: HttpHealthModule,
      implementation: HttpHealthCheck,
      defaultName: 'http',
      options,
      ownOptions: ['url', 'method', 'expectedStatus', 'headers', 'degradedAboveMs'],
      resolve: resolveHttpOptions,
    });
  }
}
