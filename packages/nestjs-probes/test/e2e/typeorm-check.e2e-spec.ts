import { type INestApplication } from '@nestjs/common';
import { HealthConfigurationError } from 'nestjs-probes';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DUPLICATE_HEALTH_CHECK } from '../../src/health.messages';
import {
  INVALID_READY_MADE_OPTION,
  UNKNOWN_READY_MADE_OPTION,
} from '../../src/ready-made/ready-made.messages';
import { POOL_SATURATED, TYPEORM_NOT_INITIALIZED } from '../../src/typeorm/typeorm.messages';
import { TypeOrmHealthModule } from 'nestjs-probes/typeorm';
import { EXPECTED } from '../../src/options/option.validators';
import { AppModule } from '../src/app.module';
import { DatabaseHealthModule } from '../src/database-health.module';
import { ThrowawayMariaDb, ThrowawayPostgres } from '@internal/test-servers';
import {
  ADAPTERS,
  bootstrap,
  createApp,
  probe,
  sleep,
  failOnUnhandledRejections,
  bootstrapError,
} from '../src/test-app.util';

const ADMIN = 'admin';
const LOCK = 4242;
/** Waits for as long as `holdLock()` holds the lock, holding its pool connection meanwhile. */
const BLOCKED_QUERY = `SELECT pg_advisory_xact_lock_shared(${LOCK})`;

let server: ThrowawayPostgres;
let mariadb: ThrowawayMariaDb;

beforeAll(async () => {
  [server, mariadb] = await Promise.all([ThrowawayPostgres.start(), ThrowawayMariaDb.start()]);
}, 60_000);

afterAll(() => Promise.all([server?.destroy(), mariadb?.destroy()]));

/**
 * Holds an exclusive advisory lock on a connection of its own: user queries blocked on it keep
 * their pool connections busy for exactly as long as the test needs, however slow the machine
 * (a `pg_sleep` could end before the assertions on a loaded machine).
 */
async function holdLock(): Promise<{ release(): Promise<void> }> {
  const holder = new Client(server.clientConfig);
  await holder.connect();
  await holder.query('SELECT pg_advisory_lock($1)', [LOCK]);
  return {
    async release() {
      await holder.query('SELECT pg_advisory_unlock($1)', [LOCK]);
      await holder.end();
    },
  };
}

describe.each(ADAPTERS)('TypeOrmHealthModule on a real PostgreSQL (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });
  failOnUnhandledRejections();

  const details = async () => (await probe(app, '/health/details', ADMIN)).body;

  it('is up with the ping latency and the pg pool figures', async () => {
    app = await bootstrap(
      adapter,
      DatabaseHealthModule.register({ port: server.port, poolSize: 3 }),
    );
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    const check = (await details()).checks.typeorm;
    expect(check).toMatchObject({ status: 'up', critical: true, probes: ['readiness'] });
    expect(check.details.latencyMs).toBeGreaterThanOrEqual(0);
    expect(check.details.pool).toEqual({ size: 1, idle: 1, waiting: 0, max: 3 });
  });

  it('reports a pool saturated by user queries as degraded (200), without queuing behind them', async () => {
    app = await bootstrap(
      adapter,
      DatabaseHealthModule.register({ port: server.port, poolSize: 2 }),
    );
    const source = app.get(DataSource);
    const lock = await holdLock();
    const userQueries = Array.from({ length: 4 }, () => source.query(BLOCKED_QUERY));
    try {
      await sleep(100);
      const startedAt = performance.now();
      const ready = await probe(app, '/health/ready');
      expect(performance.now() - startedAt).toBeLessThan(1000);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'degraded' });
      const check = (await details()).checks.typeorm;
      const pool = { size: 2, idle: 0, waiting: 2, max: 2 };
      expect(check).toMatchObject({ status: 'degraded', error: POOL_SATURATED(pool, true) });
      expect(check.details.pool).toEqual(pool);
      for (let i = 0; i < 5; i++) await probe(app, '/health/ready').expect(200);
      expect(
        (source.driver as unknown as { master: { waitingCount: number } }).master.waitingCount,
      ).toBe(2);
    } finally {
      await lock.release();
      await Promise.all(userQueries);
    }
    await probe(app, '/health/ready').expect(200, { status: 'up' });
  });

  it('with sideConnection: false, reports saturation as degraded without pinging', async () => {
    app = await bootstrap(
      adapter,
      DatabaseHealthModule.register({ port: server.port, poolSize: 1 }, [
        { ttl: 0, sideConnection: false },
      ]),
    );
    const lock = await holdLock();
    const userQuery = app.get(DataSource).query(BLOCKED_QUERY);
    try {
      await sleep(50);
      await probe(app, '/health/ready').expect(200, { status: 'degraded' });
      const check = (await details()).checks.typeorm;
      expect(check.error).toBe(POOL_SATURATED({ size: 1, idle: 0, waiting: 0, max: 1 }, false));
      expect(check.details).toEqual({ pool: { size: 1, idle: 0, waiting: 0, max: 1 } });
    } finally {
      await lock.release();
      await userQuery;
    }
  });

  it('is down (503) while the DataSource is not initialized', async () => {
    app = await bootstrap(
      adapter,
      DatabaseHealthModule.register({ port: server.port, initialize: false }),
    );
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    await probe(app, '/health/live').expect(200, { status: 'up' });
    expect((await details()).checks.typeorm.error).toBe(TYPEORM_NOT_INITIALIZED);
  });

  it('reports a slow ping as degraded above degradedAboveMs', async () => {
    app = await bootstrap(
      adapter,
      DatabaseHealthModule.register({ port: server.port }, [{ ttl: 0, degradedAboveMs: 0.001 }]),
    );
    await probe(app, '/health/ready').expect(200, { status: 'degraded' });
  });

  it('checks a named data source, and two registrations side by side', async () => {
    app = await bootstrap(
      adapter,
      DatabaseHealthModule.register({ port: server.port, token: 'analyticsDataSource' }, [
        { name: 'analytics', dataSource: 'analyticsDataSource', critical: false },
        { name: 'analytics-strict', dataSource: 'analyticsDataSource', ttl: 0 },
      ]),
    );
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    const { checks } = await details();
    expect(Object.keys(checks).sort()).toEqual(['analytics', 'analytics-strict']);
    expect(checks.analytics.critical).toBe(false);
    expect(checks['analytics-strict'].critical).toBe(true);
  });

  it('reads the mysql2 pool figures of a MariaDB data source', async () => {
    app = await bootstrap(
      adapter,
      DatabaseHealthModule.register({ poolSize: 2, overrides: mariadb.connectionOptions }),
    );
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    expect((await details()).checks.typeorm.details.pool).toEqual({
      size: 1,
      idle: 1,
      waiting: 0,
      max: 2,
    });
    const source = app.get(DataSource);
    const userQueries = Array.from({ length: 3 }, () => source.query('SELECT SLEEP(1)'));
    await sleep(100);
    await probe(app, '/health/ready').expect(200, { status: 'degraded' });
    expect((await details()).checks.typeorm.details.pool).toEqual({
      size: 2,
      idle: 0,
      waiting: 1,
      max: 2,
    });
    await Promise.all(userQueries);
  });
});

describe('TypeOrmHealthModule options', () => {
  // Never connected: a failed bootstrap leaves nobody to destroy it.
  const idle = { initialize: false };

  it('fails bootstrap on a bad option, naming module, class and option', async () => {
    const error = await bootstrapError(
      DatabaseHealthModule.register(idle, [{ degradedAboveMs: -1 } as never]),
    );
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'TypeOrmHealthModule',
        'TypeOrmHealthCheck',
        'degradedAboveMs',
        EXPECTED.positiveDuration,
        -1,
      ),
    );
  });

  it('fails bootstrap on an unknown option', async () => {
    const error = await bootstrapError(
      DatabaseHealthModule.register(idle, [{ poolsize: 2 } as never]),
    );
    expect((error as Error).message).toBe(
      UNKNOWN_READY_MADE_OPTION('TypeOrmHealthModule', 'TypeOrmHealthCheck', 'poolsize', [
        'name',
        'critical',
        'ttl',
        'timeout',
        'probe',
        'refresh',
        'staleAfter',
        'failureThreshold',
        'successThreshold',
        'imports',
        'dataSource',
        'degradedAboveMs',
        'sideConnection',
      ]),
    );
  });

  it('fails bootstrap when the token is not a DataSource', async () => {
    const notASource = {
      module: class NotADataSourceModule {},
      providers: [{ provide: 'TEST:NOT_A_SOURCE', useValue: 'postgres://db' }],
      exports: ['TEST:NOT_A_SOURCE'],
    };
    const error = await bootstrapError(
      AppModule.registerChecks([], {}, [
        TypeOrmHealthModule.register({ dataSource: 'TEST:NOT_A_SOURCE', imports: [notASource] }),
      ]),
    );
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'TypeOrmHealthModule',
        'TypeOrmHealthCheck',
        'dataSource',
        'the token of a TypeORM DataSource',
        'postgres://db',
      ),
    );
  });

  it('fails bootstrap on two registrations under the same name', async () => {
    const app = await createApp('express', DatabaseHealthModule.register(idle, [{}, {}]));
    await expect(app.init()).rejects.toThrow(
      DUPLICATE_HEALTH_CHECK('typeorm', 'TypeOrmHealthCheck.check', 'TypeOrmHealthCheck.check'),
    );
    await app.close();
  });
});
