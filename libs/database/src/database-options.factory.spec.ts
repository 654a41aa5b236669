import { ConfigService } from '@nestjs/config';
import { type MigrationInterface } from 'typeorm';
import { createDatabaseOptions } from './database-options.factory';

class FirstMigration1700000000000 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}

const migrations = [FirstMigration1700000000000];
const POSTGRES_URL = 'postgres://orders_app:pw@db.internal:5432/orders';

describe('createDatabaseOptions', () => {
  beforeEach(() => {
    // ConfigService falls back on process.env: a DATABASE_* left in the shell must not leak in.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_')),
    );
    jest.replaceProperty(process, 'env', env);
  });

  afterEach(() => jest.restoreAllMocks());

  const optionsFor = (config: Record<string, unknown>) =>
    createDatabaseOptions(new ConfigService(config), { migrations });

  it('without DATABASE_URL, uses an in-memory sql.js that is never saved', () => {
    expect(optionsFor({})).toEqual({
      type: 'sqljs',
      autoSave: false,
      autoLoadEntities: true,
      synchronize: false,
      migrationsRun: false,
      migrations,
      retryAttempts: 5,
      retryDelay: 1_000,
    });
  });

  it('with DATABASE_URL, uses PostgreSQL with a bounded pool and timeouts', () => {
    expect(optionsFor({ DATABASE_URL: POSTGRES_URL })).toEqual({
      type: 'postgres',
      url: POSTGRES_URL,
      autoLoadEntities: true,
      synchronize: false,
      migrationsRun: false,
      migrations,
      retryAttempts: 5,
      retryDelay: 1_000,
      extra: { max: 10, connectionTimeoutMillis: 2_000, statement_timeout: 5_000 },
    });
  });

  it('takes pool size, statement timeout and retry attempts from the configuration', () => {
    const options = optionsFor({
      DATABASE_URL: POSTGRES_URL,
      DATABASE_POOL_SIZE: 3,
      DATABASE_STATEMENT_TIMEOUT_MS: 750,
      DATABASE_RETRY_ATTEMPTS: 0,
    });
    expect(options).toMatchObject({
      retryAttempts: 0,
      extra: { max: 3, connectionTimeoutMillis: 2_000, statement_timeout: 750 },
    });
  });
});
