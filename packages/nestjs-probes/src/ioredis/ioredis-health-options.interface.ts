import { type InjectionToken } from '@nestjs/common';
import { type ReadyMadeCheckAsyncOptions, type ReadyMadeCheckOptions } from '../interfaces';

/**
 * Options of `IoRedisHealthModule.register()`.
 *
 * @publicApi
 */
export interface IoRedisHealthOptions extends ReadyMadeCheckOptions {
  /**
   * The token under which the app provides its ioredis client (`Redis` or `Cluster`). The check
   * uses that client; it never opens a connection of its own.
   */
  client: InjectionToken;
  /**
   * A `PING` slower than this (milliseconds) reports `degraded`.
   * @default undefined (latency alone never degrades)
   */
  degradedAboveMs?: number;
  /**
   * Whether to read `INFO memory` and `INFO replication` (used memory, maxmemory, role) into the
   * details, in the same round trip as the `PING`. Standalone and Sentinel clients only.
   * @default true
   */
  info?: boolean;
}

/**
 * Options of `IoRedisHealthModule.registerAsync()`: `useFactory` returns the options of
 * `register()` but `imports` and `client`, which sit next to it (the client is injected before any
 * factory runs). `@HealthCheck()` options may also sit next to it; the factory's win.
 *
 * @example
 * ```ts
 * IoRedisHealthModule.registerAsync({ client: REDIS, imports: [CacheModule, ConfigModule], inject: [ConfigService], useFactory: (config: ConfigService) => ({ critical: config.get('REDIS_CRITICAL') }) })
 * ```
 * @publicApi
 */
export interface IoRedisHealthAsyncOptions extends ReadyMadeCheckAsyncOptions<
  Omit<IoRedisHealthOptions, 'imports' | 'client'>
> {
  /** The token under which the app provides its ioredis client. */
  client: InjectionToken;
}

/** @internal */
export interface ResolvedIoRedisHealthOptions {
  readonly degradedAboveMs?: number;
  readonly info: boolean;
}
