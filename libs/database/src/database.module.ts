import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmHealthModule } from 'nestjs-probes/typeorm';
import { DatabaseUnavailableFilter } from './database-unavailable.filter';
import { createDatabaseOptions, type DatabaseModuleOptions } from './database-options.factory';
import { MigrationsRunner } from './migrations.runner';

/**
 * The app's database: TypeORM from the environment (see `createDatabaseOptions`), its critical
 * readiness check (`database`), the `migrations` startup check, and 503 (not 500) for requests
 * that cannot reach the database. Needs a global `ConfigModule`.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => createDatabaseOptions(config, options),
        }),
        TypeOrmHealthModule.register({ name: 'database', timeout: 1_000, degradedAboveMs: 250 }),
      ],
      providers: [MigrationsRunner, { provide: APP_FILTER, useClass: DatabaseUnavailableFilter }],
    };
  }
}
