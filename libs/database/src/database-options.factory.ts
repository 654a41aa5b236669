import { type ConfigService } from '@nestjs/config';
import { type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { type DataSourceOptions } from 'typeorm';

/** What the app hands the database library: its migrations, in order. */
export interface DatabaseModuleOptions {
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/**
 * PostgreSQL when `DATABASE_URL` is set, else an embedded in-memory sql.js (SQLite compiled to
 * WebAssembly), so the app runs on a machine with nothing installed. Schema comes from migrations
 * only: `synchronize` is off for both.
 */
export function createDatabaseOptions(
  config: ConfigService,
  { migrations }: DatabaseModuleOptions,
): TypeOrmModuleOptions {
  const shared = {
    autoLoadEntities: true,
    synchronize: false,
    migrationsRun: false,
    migrations,
    retryAttempts: config.get<number>('DATABASE_RETRY_ATTEMPTS', 5),
    retryDelay: 1_000,
  } as const;
  const url = config.get<string>('DATABASE_URL');
  if (!url) return { ...shared, type: 'sqljs', autoSave: false };
  return {
    ...shared,
    type: 'postgres',
    url,
    extra: {
      max: config.get<number>('DATABASE_POOL_SIZE', 10),
      // A request must not wait on a dead database longer than a probe would.
      connectionTimeoutMillis: 2_000,
      statement_timeout: config.get<number>('DATABASE_STATEMENT_TIMEOUT_MS', 5_000),
    },
  };
}
