import { type DynamicModule, type InjectionToken, Module } from '@nestjs/common';
import { EXPECTED } from '../options/option.validators';
import {
  type OptionFailure,
  type ReadyMadeRegistration,
  registerReadyMadeCheck,
} from '../ready-made/ready-made-check.registrar';
import { registerReadyMadeCheckAsync } from '../ready-made/ready-made-check-async.registrar';
import { checkMilliseconds } from '../ready-made/ready-made.validation';
import { IoRedisHealthCheck } from './ioredis-health.check';
import {
  type IoRedisHealthAsyncOptions,
  type IoRedisHealthOptions,
  type ResolvedIoRedisHealthOptions,
} from './ioredis-health-options.interface';

const EXPECTED_CLIENT_TOKEN = "the injection token of the app's ioredis client";
const EXPECTED_CLIENT_INSTANCE = 'the token of an ioredis Redis or Cluster instance';

function isIoRedisClient(value: unknown): boolean {
  const client = value as { status?: unknown; ping?: unknown } | null | undefined;
  return typeof client?.status === 'string' && typeof client.ping === 'function';
}

/**
 * Registers a readiness check of the app's ioredis client (default name `'redis'`): down at once
 * when the client is not `ready`, otherwise `PING` within the timeout, with latency, role and
 * memory figures. It uses the client given by `client` and never opens a connection.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), IoRedisHealthModule.register({ client: REDIS, critical: false, imports: [CacheModule] })]
 * ```
 * @publicApi
 */
@Module({})
export class IoRedisHealthModule {
  static register(options: IoRedisHealthOptions): DynamicModule {
    return registerReadyMadeCheck({ ...IOREDIS_CHECK, options, inject: clientToken(options) });
  }

  /**
   * `register()` with the options from `useFactory`, validated while the application bootstraps.
   * `client` sits next to `useFactory`: the client is injected before any factory runs.
   */
  static registerAsync(options: IoRedisHealthAsyncOptions): DynamicModule {
    return registerReadyMadeCheckAsync({
      ...IOREDIS_CHECK,
      options,
      inject: clientToken(options),
      staticOptions: ['client'],
    });
  }
}

const IOREDIS_CHECK = {
  module: IoRedisHealthModule,
  implementation: IoRedisHealthCheck,
  defaultName: 'redis',
  ownOptions: ['client', 'degradedAboveMs', 'info'],
  resolve: resolveIoRedisOptions,
} satisfies Omit<
  ReadyMadeRegistration<IoRedisHealthOptions, ResolvedIoRedisHealthOptions>,
  'options'
>;

function clientToken(options: { client?: InjectionToken } | undefined): InjectionToken[] {
  return options?.client === undefined ? [] : [options.client];
}

function resolveIoRedisOptions(
  { client, degradedAboveMs, info = true }: IoRedisHealthOptions,
  fail: OptionFailure,
  [instance]: readonly unknown[],
): ResolvedIoRedisHealthOptions {
  if (client === undefined) fail('client', EXPECTED_CLIENT_TOKEN, client);
  if (!isIoRedisClient(instance)) fail('client', EXPECTED_CLIENT_INSTANCE, instance);
  checkMilliseconds('degradedAboveMs', degradedAboveMs, fail);
  if (typeof info !== 'boolean') fail('info', EXPECTED.boolean, info);
  return { degradedAboveMs, info };
}
