import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EXPECTED } from '../options/option.validators';
import {
  type OptionFailure,
  type ReadyMadeRegistration,
  registerReadyMadeCheck,
} from '../ready-made/ready-made-check.registrar';
import { registerReadyMadeCheckAsync } from '../ready-made/ready-made-check-async.registrar';
import { checkMilliseconds } from '../ready-made/ready-made.validation';
import { TypeOrmHealthCheck } from './typeorm-health.check';
import {
  type ResolvedTypeOrmHealthOptions,
  type TypeOrmHealthAsyncOptions,
  type TypeOrmHealthOptions,
} from './typeorm-health-options.interface';

const EXPECTED_DATA_SOURCE = 'the token of a TypeORM DataSource';

// Duck-typed: the app may load another copy of typeorm than the one this package resolves.
function isDataSource(value: unknown): boolean {
  const source = value as { options?: unknown; query?: unknown } | null | undefined;
  return typeof source?.query === 'function' && typeof source.options === 'object';
}

/**
 * Registers a readiness check of the app's TypeORM `DataSource` (default name `'typeorm'`):
 * `SELECT 1` and its latency, plus the pool's size, idle and waiting figures for `pg` and `mysql2`.
 * A pool saturated by user traffic is `degraded`, not `down`; the check is `down` only when the
 * database does not answer or the `DataSource` is not initialized.
 *
 * @example
 * ```ts
 * imports: [TypeOrmModule.forRoot(...), HealthModule.forRoot(), TypeOrmHealthModule.register({ name: 'postgres', timeout: 1000 })]
 * ```
 * @publicApi
 */
@Module({})
export class TypeOrmHealthModule {
  static register(options: TypeOrmHealthOptions = {}): DynamicModule {
    return registerReadyMadeCheck({
      ...TYPEORM_CHECK,
      options,
      inject: [options?.dataSource ?? DataSource],
    });
  }

  /**
   * `register()` with the options from `useFactory`, validated while the application bootstraps.
   * `dataSource` sits next to `useFactory`: it is injected before any factory runs.
   */
  static registerAsync(options: TypeOrmHealthAsyncOptions): DynamicModule {
    return registerReadyMadeCheckAsync({
      ...TYPEORM_CHECK,
      options,
      inject: [options?.dataSource ?? DataSource],
      staticOptions: ['dataSource'],
    });
  }
}

const TYPEORM_CHECK = {
  module: TypeOrmHealthModule,
  implementation: TypeOrmHealthCheck,
  defaultName: 'typeorm',
  ownOptions: ['dataSource', 'degradedAboveMs', 'sideConnection'],
  resolve: resolveTypeOrmOptions,
} satisfies Omit<
  ReadyMadeRegistration<TypeOrmHealthOptions, ResolvedTypeOrmHealthOptions>,
  'options'
>;

function resolveTypeOrmOptions(
  { degradedAboveMs, sideConnection = true }: TypeOrmHealthOptions,
  fail: OptionFailure,
  [instance]: readonly unknown[],
): ResolvedTypeOrmHealthOptions {
  if (!isDataSource(instance)) fail('dataSource', EXPECTED_DATA_SOURCE, instance);
  checkMilliseconds('degradedAboveMs', degradedAboveMs, fail);
  if (typeof sideConnection !== 'boolean') fail('sideConnection', EXPECTED.boolean, sideConnection);
  return { degradedAboveMs, sideConnection };
}
