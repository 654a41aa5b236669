import { type InjectionToken } from '@nestjs/common';
import { type ReadyMadeCheckAsyncOptions, type ReadyMadeCheckOptions } from '../interfaces';

/**
 * Options of `TypeOrmHealthModule.register()`.
 *
 * @publicApi
 */
export interface TypeOrmHealthOptions extends ReadyMadeCheckOptions {
  /**
   * The token of the app's `DataSource`. For a named data source of `@nestjs/typeorm`, pass
   * `getDataSourceToken('name')`.
   * @default DataSource (the default data source of `@nestjs/typeorm`)
   */
  dataSource?: InjectionToken;
  /**
   * A ping slower than this (milliseconds) reports `degraded`.
   * @default undefined (latency alone never degrades)
   */
  degradedAboveMs?: number;
  /**
   * While the app's pool is saturated, ping over one extra connection of the check's own (opened
   * on first need, closed when idle) to tell "busy" (degraded) from "unreachable" (down). With
   * `false`, a saturated pool reports degraded without pinging.
   * @default true
   */
  sideConnection?: boolean;
}

/**
 * Options of `TypeOrmHealthModule.registerAsync()`: `useFactory` returns the options of
 * `register()` but `imports` and `dataSource`, which sit next to it (the data source is injected
 * before any factory runs). `@HealthCheck()` options may also sit next to it; the factory's win.
 *
 * @example
 * ```ts
 * TypeOrmHealthModule.registerAsync({ dataSource: getDataSourceToken('reports'), inject: [ConfigService], useFactory: (config: ConfigService) => ({ degradedAboveMs: config.get('DB_SLOW_MS') }) })
 * ```
 * @publicApi
 */
export interface TypeOrmHealthAsyncOptions extends ReadyMadeCheckAsyncOptions<
  Omit<TypeOrmHealthOptions, 'imports' | 'dataSource'>
> {
  /**
   * The token of the app's `DataSource`.
   * @default DataSource
   */
  dataSource?: InjectionToken;
}

/** @internal */
export interface ResolvedTypeOrmHealthOptions {
  readonly degradedAboveMs?: number;
  readonly sideConnection: boolean;
}
