import { type InjectionToken } from '@nestjs/common';
import { type ReadyMadeCheckOptions } from '../interfaces';

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

/** @internal */
export interface ResolvedTypeOrmHealthOptions {
  readonly degradedAboveMs?: number;
  readonly sideConnection: boolean;
}
