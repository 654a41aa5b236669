import { type DynamicModule, Module } from '@nestjs/common';
import { type HealthModuleOptions } from 'nestjs-probes';
import { TypeOrmHealthModule, type TypeOrmHealthOptions } from 'nestjs-probes/typeorm';
import { AppModule } from './app.module';
import { TestDataSourceModule, type TestDataSourceOptions } from './postgres-data-source.module';

/** An app with one TypeORM data source and the ready-made checks given. */
@Module({})
export class DatabaseHealthModule {
  static register(
    source: TestDataSourceOptions,
    checks: TypeOrmHealthOptions[] = [{ ttl: 0, timeout: 1000 }],
    options: HealthModuleOptions = {},
  ): DynamicModule {
    return AppModule.registerChecks([], options, [
      TestDataSourceModule.forRoot(source),
      ...checks.map((check) => TypeOrmHealthModule.register(check)),
    ]);
  }
}
