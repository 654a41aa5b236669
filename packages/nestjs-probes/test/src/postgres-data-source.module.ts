import { type DynamicModule, Global, type InjectionToken, Module } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';

export interface TestDataSourceOptions {
  /**
   * Of a throwaway server (see @internal/test-servers); unused when `overrides` names another
   * database.
   */
  port?: number;
  poolSize?: number;
  /** Provide it under this token instead of `DataSource`. */
  token?: InjectionToken;
  /** Leave it uninitialized. */
  initialize?: boolean;
  /** Any other TypeORM options (a `mysql` type, say). */
  overrides?: Partial<DataSourceOptions>;
}

/**
 * Provides a TypeORM `DataSource` the way an app does (global, like `TypeOrmModule.forRoot()`),
 * and destroys it when the app closes.
 */
@Global()
@Module({})
export class TestDataSourceModule {
  static forRoot(options: TestDataSourceOptions = {}): DynamicModule {
    const token = options.token ?? DataSource;
    return {
      module: TestDataSourceModule,
      providers: [
        { provide: token, useFactory: () => createDataSource(options) },
        {
          provide: 'TEST:DATA_SOURCE_CLOSER',
          inject: [token],
          useFactory: (source: DataSource) => ({
            onApplicationShutdown: () =>
              source.isInitialized ? source.destroy().catch(() => undefined) : undefined,
          }),
        },
      ],
      exports: [token],
    };
  }
}

function createDataSource(options: TestDataSourceOptions): Promise<DataSource> | DataSource {
  const source = new DataSource({
    type: 'postgres',
    host: '127.0.0.1',
    port: options.port,
    username: 'postgres',
    database: 'postgres',
    poolSize: options.poolSize ?? 2,
    ...options.overrides,
  } as DataSourceOptions);
  return options.initialize === false ? source : source.initialize();
}
