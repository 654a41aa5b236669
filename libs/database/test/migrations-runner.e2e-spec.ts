import { AuthModule, TokenService } from '@app/auth';
import { type INestApplication, Logger } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { HealthModule } from 'nestjs-probes';
import request from 'supertest';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { MIGRATIONS } from '../../../apps/example/src/migrations';
import { withPgClient, pollUntil, ThrowawayPostgres } from '@internal/test-servers';
import { failOnUnhandledRejections } from '../../../packages/nestjs-probes/test/src/test-app.util';
import { DatabaseModule, type DatabaseModuleOptions } from '../src';

jest.setTimeout(20_000);

type Migrations = DatabaseModuleOptions['migrations'];

const JWT_SECRET = 'migrations-runner-e2e-'.padEnd(40, 'x');
const APP_TABLES = ['order_lines', 'orders'];
const RETRY_WARNING = /^migrations failed, retrying in 1000 ms: /;

let server: ThrowawayPostgres;
let databases = 0;

beforeAll(async () => {
  server = await ThrowawayPostgres.start();
}, 60_000);

afterAll(() => server?.destroy());

/**
 * Setup and reads on a server that is never frozen here: withPgClient's 1 s default is for fault
 * tests, and CREATE DATABASE (a template copy, fsync) has taken longer on CI's loaded cores.
 */
const SETUP_TIMEOUT_MS = 10_000;

/** A fresh database on the throwaway server, so each test starts from an empty schema. */
async function createDatabase(): Promise<{ url: string; name: string }> {
  const name = `migrations_${++databases}`;
  await withPgClient(
    server.clientConfig,
    (client) => client.query(`CREATE DATABASE ${name}`),
    SETUP_TIMEOUT_MS,
  );
  return { url: server.url.replace(/\/postgres$/, `/${name}`), name };
}

function queryDatabase<T extends object>(name: string, sql: string): Promise<T[]> {
  return withPgClient(
    { ...server.clientConfig, database: name },
    async (client) => (await client.query<T>(sql)).rows,
    SETUP_TIMEOUT_MS,
  );
}

/** A migration that waits for `release()`; the oldest timestamp, so it runs first. */
function heldMigration() {
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (reached = resolve));
  class HoldUntilReleased1700000000000 implements MigrationInterface {
    async up(): Promise<void> {
      reached();
      await released;
    }
    async down(): Promise<void> {}
  }
  return { migration: HoldUntilReleased1700000000000, started, release };
}

describe('MigrationsRunner and the migrations startup check', () => {
  let apps: INestApplication[];
  let warn: jest.SpyInstance;
  let releaseHeld: Array<() => void>;

  async function bootApp(config: Record<string, unknown>, migrations: Migrations) {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [() => ({ JWT_SECRET, ...config })],
        }),
        AuthModule,
        HealthModule.forRoot(),
        DatabaseModule.forRoot({ migrations }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    apps.push(app);
    return app.init();
  }

  const get = (app: INestApplication, path: string) => request(app.getHttpServer()).get(path);

  async function tokenFor(app: INestApplication, roles: string[]): Promise<string> {
    return app.get(TokenService).mint({ subject: 'ops', roles });
  }

  async function details(app: INestApplication) {
    const token = await tokenFor(app, ['admin']);
    return (await get(app, '/health/details').set('Authorization', `Bearer ${token}`)).body;
  }

  function startupOpens(app: INestApplication, timeoutMs = 10_000): Promise<number> {
    return pollUntil(async () => (await get(app, '/health/startup')).status === 200, {
      what: 'the startup probe to answer 200',
      timeoutMs,
      intervalMs: 50,
    });
  }

  const retryWarnings = () =>
    warn.mock.calls.map(([message]) => String(message)).filter((m) => RETRY_WARNING.test(m));

  beforeEach(() => {
    // Config comes from `load`; a DATABASE_* or JWT_* left in the shell must not leak in.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(DATABASE|JWT)_/.test(name)),
    );
    jest.replaceProperty(process, 'env', env);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    apps = [];
    releaseHeld = [];
  });

  afterEach(async () => {
    releaseHeld.forEach((release) => release());
    await Promise.all(apps.map((app) => app.close()));
    jest.restoreAllMocks();
  });
  failOnUnhandledRejections();

  describe('on the embedded sql.js (no DATABASE_URL)', () => {
    it('holds startup (and readiness) at 503 until the migrations ran, then opens it', async () => {
      const held = heldMigration();
      releaseHeld.push(held.release);
      const app = await bootApp({}, [held.migration, ...MIGRATIONS]);
      const tables = async () =>
        (
          await app
            .get(DataSource)
            .query<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        ).map((row) => row.name);
      await held.started;

      await get(app, '/health/startup').expect(503, { status: 'down' });
      await get(app, '/health/ready').expect(503, { status: 'down' });
      await get(app, '/health/live').expect(200, { status: 'up' });
      const before = await details(app);
      expect(before.probes.startup).toBe('down');
      expect(before.checks.migrations).toMatchObject({
        status: 'down',
        critical: true,
        probes: ['startup'],
        error: 'migrations are still running',
      });
      expect(await tables()).not.toEqual(expect.arrayContaining(['orders']));

      held.release();
      await startupOpens(app);
      await get(app, '/health/ready').expect(200, { status: 'up' });
      expect(await tables()).toEqual(expect.arrayContaining([...APP_TABLES, 'migrations']));
      const applied = await app
        .get(DataSource)
        .query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
      expect(applied.map((row) => row.name)).toEqual([
        'HoldUntilReleased1700000000000',
        'CreateOrders1732320000000',
      ]);
      expect((await details(app)).checks.migrations).toMatchObject({
        status: 'up',
        details: { applied: 2 },
      });
      expect(retryWarnings()).toEqual([]);
    });
  });

  describe('on PostgreSQL', () => {
    beforeEach(() => server.ensureServing());

    it("applies the app's migrations, even through a pool of one, sized and timed from the config", async () => {
      const database = await createDatabase();
      // The advisory lock holds a connection: the migrations must run on it, not wait for another.
      const app = await bootApp(
        {
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: 1,
          DATABASE_STATEMENT_TIMEOUT_MS: 1_500,
        },
        MIGRATIONS,
      );
      await startupOpens(app);
      await get(app, '/health/ready').expect(200, { status: 'up' });

      const tables = await queryDatabase<{ table_name: string }>(
        database.name,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((row) => row.table_name).sort()).toEqual(['migrations', ...APP_TABLES]);
      const source = app.get(DataSource);
      await expect(source.query('SHOW statement_timeout')).resolves.toEqual([
        { statement_timeout: '1500ms' },
      ]);
      const pool = (source.driver as unknown as { master: { options: { max: number } } }).master;
      expect(pool.options.max).toBe(1);
    });

    it('starts two replicas together: both open startup, each migration runs once', async () => {
      const database = await createDatabase();
      const runs = jest.fn();
      // Slow enough that, without the advisory lock, the second replica would run it too.
      class SlowFirst1700000000000 implements MigrationInterface {
        async up(queryRunner: QueryRunner): Promise<void> {
          runs();
          await queryRunner.query('SELECT pg_sleep(0.3)');
        }
        async down(): Promise<void> {}
      }
      const migrations = [SlowFirst1700000000000, ...MIGRATIONS];
      const config = { DATABASE_URL: database.url };

      const replicas = await Promise.all([
        bootApp(config, migrations),
        bootApp(config, migrations),
      ]);
      await Promise.all(replicas.map((app) => startupOpens(app)));

      expect(runs).toHaveBeenCalledTimes(1);
      expect(retryWarnings()).toEqual([]);
      const applied = await queryDatabase<{ name: string }>(
        database.name,
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(applied.map((row) => row.name)).toEqual([
        'SlowFirst1700000000000',
        'CreateOrders1732320000000',
      ]);
      for (const app of replicas) {
        expect((await details(app)).checks.migrations).toMatchObject({
          status: 'up',
          details: { applied: 2 },
        });
      }
    });

    it('retries a failed migration every second; until then startup is 503 and only an admin sees why', async () => {
      const database = await createDatabase();
      jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM's own failure line
      const up = jest
        .fn<Promise<void>, [QueryRunner]>()
        .mockRejectedValueOnce(new Error('canceling statement due to lock timeout'))
        .mockResolvedValue(undefined);
      class FailsOnce1700000000000 implements MigrationInterface {
        up = up;
        async down(): Promise<void> {}
      }
      const app = await bootApp({ DATABASE_URL: database.url }, [
        FailsOnce1700000000000,
        ...MIGRATIONS,
      ]);
      await pollUntil(() => retryWarnings().length === 1, {
        what: 'the first attempt to fail',
        timeoutMs: 5_000,
      });

      await get(app, '/health/startup').expect(503, { status: 'down' });
      await get(app, '/health/details').expect(401);
      const viewer = await tokenFor(app, ['viewer']);
      await get(app, '/health/details').set('Authorization', `Bearer ${viewer}`).expect(403);
      expect((await details(app)).checks.migrations).toMatchObject({
        status: 'down',
        error: 'canceling statement due to lock timeout',
      });
      // The failed attempt rolled back: nothing of it is left.
      const tables = await queryDatabase<{ table_name: string }>(
        database.name,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((row) => row.table_name)).toEqual(['migrations']);

      await startupOpens(app, 5_000);
      expect(up).toHaveBeenCalledTimes(2);
      expect(retryWarnings()).toHaveLength(1);
      const applied = await queryDatabase<{ name: string }>(
        database.name,
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(applied.map((row) => row.name)).toEqual([
        'FailsOnce1700000000000',
        'CreateOrders1732320000000',
      ]);
    });

    it('keeps retrying while PostgreSQL is gone mid-migration, and finishes once it is back', async () => {
      const database = await createDatabase();
      const held = heldMigration();
      releaseHeld.push(held.release);
      const app = await bootApp({ DATABASE_URL: database.url }, [held.migration, ...MIGRATIONS]);
      await held.started;

      await server.stop();
      held.release();
      await pollUntil(() => retryWarnings().length >= 2, {
        what: 'two failed attempts',
        timeoutMs: 8_000,
      });
      await get(app, '/health/startup').expect(503, { status: 'down' });
      await get(app, '/health/live').expect(200, { status: 'up' });
      expect((await details(app)).checks.migrations.status).toBe('down');

      await server.restart();
      await startupOpens(app, 8_000);
      const applied = await queryDatabase<{ name: string }>(
        database.name,
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(applied.map((row) => row.name)).toEqual([
        'HoldUntilReleased1700000000000',
        'CreateOrders1732320000000',
      ]);
    });
  });
});
