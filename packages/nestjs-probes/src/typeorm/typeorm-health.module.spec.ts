import { type FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthConfigurationError } from '../errors';
import { EXPECTED } from '../options/option.validators';
import { asyncErrorOf, instantiateAsync } from '../ready-made/ready-made-async.testing';
import {
  INVALID_READY_MADE_OPTION,
  READY_MADE_OPTION_NOT_FROM_FACTORY,
} from '../ready-made/ready-made.messages';
import { type TypeOrmHealthCheck } from './typeorm-health.check';
import { TypeOrmHealthModule } from './typeorm-health.module';

/** Enough of a DataSource for the module's duck typing; never queried here. */
const source = { options: { type: 'postgres' }, query: async () => [] };

const invalidAsync = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION(
      'TypeOrmHealthModule',
      'TypeOrmHealthCheck',
      option,
      expected,
      actual,
      'registerAsync',
    ),
  );

const checkProviderOf = (module: ReturnType<typeof TypeOrmHealthModule.registerAsync>) =>
  module.providers![2] as FactoryProvider;

describe('TypeOrmHealthModule.registerAsync', () => {
  it('injects the default DataSource, or the token given next to the factory', () => {
    const useFactory = () => ({});
    expect(checkProviderOf(TypeOrmHealthModule.registerAsync({ useFactory })).inject).toEqual([
      expect.any(String),
      DataSource,
    ]);
    const named = TypeOrmHealthModule.registerAsync({ dataSource: 'REPORTS', useFactory });
    expect(checkProviderOf(named).inject).toEqual([expect.any(String), 'REPORTS']);
  });

  it('resolves what the factory answers, with the injected data source', async () => {
    const module = TypeOrmHealthModule.registerAsync({
      useFactory: async () => ({ degradedAboveMs: 250, sideConnection: false }),
    });
    const check = await instantiateAsync<TypeOrmHealthCheck>(module, [source]);
    expect(check['options']).toEqual({ degradedAboveMs: 250, sideConnection: false });
  });

  it('fails on a bad option from the factory, naming registerAsync', async () => {
    const module = TypeOrmHealthModule.registerAsync({
      useFactory: () => ({ sideConnection: 'yes' as never }),
    });
    expect(await asyncErrorOf(module, [source])).toEqual(
      invalidAsync('sideConnection', EXPECTED.boolean, 'yes'),
    );
  });

  it('fails when the factory answers the data source token, needed before it runs', async () => {
    const module = TypeOrmHealthModule.registerAsync({
      useFactory: () => ({ dataSource: 'REPORTS' }) as never,
    });
    expect(await asyncErrorOf(module, [source])).toEqual(
      new HealthConfigurationError(
        READY_MADE_OPTION_NOT_FROM_FACTORY(
          'TypeOrmHealthModule',
          'TypeOrmHealthCheck',
          'dataSource',
        ),
      ),
    );
  });
});
