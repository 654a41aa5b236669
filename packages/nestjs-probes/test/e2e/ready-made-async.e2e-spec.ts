import { type DynamicModule, Global, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthConfigurationError } from 'nestjs-probes';
import { HttpHealthModule } from 'nestjs-probes/http';
import { IoRedisHealthModule } from 'nestjs-probes/ioredis';
import { DiskHealthModule, MemoryHealthModule } from 'nestjs-probes/system';
import { TypeOrmHealthModule } from 'nestjs-probes/typeorm';
import Redis from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ThrowawayPostgres, ThrowawayRedis } from '@internal/test-servers';
import { INVALID_CHECK_OPTION } from '../../src/health.messages';
import { HTTP_EXPECTED } from '../../src/http/http-health.validation';
import { HTTP_UNEXPECTED_STATUS } from '../../src/http/http.messages';
import { EXPECTED } from '../../src/options/option.validators';
import {
  INVALID_READY_MADE_OPTION,
  READY_MADE_FACTORY_FAILED,
} from '../../src/ready-made/ready-made.messages';
import { AppConfigModule, AppConfigService } from '../src/app-config.module';
import { AppModule } from '../src/app.module';
import {
  ADAPTERS,
  bootstrap,
  bootstrapError,
  expectConfigurationError,
  failOnUnhandledRejections,
  probe,
} from '../src/test-app.util';
import { answer, startUpstream, type Upstream } from '../src/upstream-server.util';

const ADMIN = 'admin';
const TOKEN = 'Bearer async-e2e-s3cret';

const REDIS_CLIENT = 'TEST:CONFIGURED_REDIS';

/** The app's DataSource built from configuration, as `TypeOrmModule.forRootAsync()` would. */
@Global()
@Module({})
class ConfiguredDataSourceModule {
  static forRoot(config: DynamicModule): DynamicModule {
    return {
      module: ConfiguredDataSourceModule,
      imports: [config],
      providers: [
        {
          provide: DataSource,
          inject: [AppConfigService],
          useFactory: (settings: AppConfigService) =>
            new DataSource({
              type: 'postgres',
              host: '127.0.0.1',
              port: settings.get('DB_PORT'),
              username: settings.get('DB_USER'),
              database: 'postgres',
              poolSize: 2,
            }).initialize(),
        },
        {
          provide: 'TEST:CONFIGURED_DATA_SOURCE_CLOSER',
          inject: [DataSource],
          useFactory: (source: DataSource) => ({
            onApplicationShutdown: () => source.destroy().catch(() => undefined),
          }),
        },
      ],
      exports: [DataSource],
    };
  }
}

/** The app's ioredis client built from configuration, in a module that is not global. */
@Module({})
class ConfiguredRedisModule {
  static forRoot(config: DynamicModule): DynamicModule {
    return {
      module: ConfiguredRedisModule,
      imports: [config],
      providers: [
        {
          provide: REDIS_CLIENT,
          inject: [AppConfigService],
          useFactory: (settings: AppConfigService) => {
            const client = new Redis({
              host: '127.0.0.1',
              port: settings.get('REDIS_PORT'),
              lazyConnect: settings.get<boolean>('REDIS_LAZY') ?? false,
              retryStrategy: () => 100,
            });
            client.on('error', () => undefined);
            return client;
          },
        },
        {
          provide: 'TEST:CONFIGURED_REDIS_CLOSER',
          inject: [REDIS_CLIENT],
          useFactory: (client: Redis) => ({ onApplicationShutdown: () => client.disconnect() }),
        },
      ],
      exports: [REDIS_CLIENT],
    };
  }
}

const withImports = (imports: DynamicModule[]) => AppModule.registerChecks([], {}, imports);

/** The HTTP check with its URL, headers, name and ttl from configuration (async factory). */
const httpFromConfig = (config: DynamicModule) =>
  HttpHealthModule.registerAsync({
    imports: [config],
    inject: [AppConfigService],
    useFactory: async (settings: AppConfigService) => ({
      name: settings.get<string>('HTTP_CHECK_NAME'),
      ttl: 0,
      url: settings.get<string>('UPSTREAM_URL'),
      headers: { authorization: settings.get<string>('UPSTREAM_TOKEN') },
    }),
  });

const diskFromConfig = (config: DynamicModule) =>
  DiskHealthModule.registerAsync({
    ttl: 0,
    imports: [config],
    inject: [AppConfigService],
    useFactory: (settings: AppConfigService) => ({ path: settings.get<string>('DATA_DIR') }),
  });

let postgres: ThrowawayPostgres;
let redis: ThrowawayRedis;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([ThrowawayPostgres.start(), ThrowawayRedis.start()]);
}, 60_000);

afterAll(() => Promise.all([postgres?.destroy(), redis?.destroy()]));

describe.each(ADAPTERS)('ready-made checks configured by registerAsync (%s)', (adapter) => {
  let app: INestApplication | undefined;
  let upstream: Upstream;
  let dataDir: string;

  beforeEach(async () => {
    upstream = await startUpstream();
    dataDir = await mkdtemp(join(tmpdir(), 'probes-async-'));
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await upstream.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  failOnUnhandledRejections();

  const details = async () => (await probe(app!, '/health/details', ADMIN)).body;

  it('requests the URL from configuration with its headers, under the configured name', async () => {
    const config = AppConfigModule.forRoot({
      HTTP_CHECK_NAME: 'payments',
      UPSTREAM_URL: upstream.url,
      UPSTREAM_TOKEN: TOKEN,
    });
    app = await bootstrap(adapter, withImports([httpFromConfig(config)]));
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    expect(upstream.requests.at(-1)?.headers.authorization).toBe(TOKEN);
    upstream.handler = answer(503);
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    const body = await details();
    expect(Object.keys(body.checks)).toEqual(['payments']);
    expect(body.checks.payments).toMatchObject({
      status: 'down',
      critical: true,
      error: HTTP_UNEXPECTED_STATUS(503, [200, 299]),
      details: { statusCode: 503 },
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain('async-e2e-s3cret');
    expect(text).not.toContain(String(upstream.port));
  });

  it('reads the disk holding the path from configuration, and is down on a missing one', async () => {
    const present = AppConfigModule.forRoot({ DATA_DIR: dataDir });
    app = await bootstrap(adapter, withImports([diskFromConfig(present)]));
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    expect((await details()).checks.disk.details.totalBytes).toBeGreaterThan(0);
    await app.close();

    const missing = AppConfigModule.forRoot({ DATA_DIR: join(dataDir, 'not-there') });
    app = await bootstrap(adapter, withImports([diskFromConfig(missing)]));
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    expect((await details()).checks.disk.status).toBe('down');
  });

  it('checks the DataSource built from configuration, with check options from the factory', async () => {
    const config = AppConfigModule.forRoot({
      DB_PORT: postgres.port,
      DB_USER: 'postgres',
      DB_CHECK_NAME: 'database',
    });
    const check = TypeOrmHealthModule.registerAsync({
      timeout: 1000,
      imports: [config],
      inject: [AppConfigService],
      useFactory: (settings: AppConfigService) => ({
        name: settings.get<string>('DB_CHECK_NAME'),
        ttl: 0,
        probe: ['readiness', 'startup'],
      }),
    });
    app = await bootstrap(
      adapter,
      withImports([ConfiguredDataSourceModule.forRoot(config), check]),
    );
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    await probe(app, '/health/startup').expect(200);
    const database = (await details()).checks.database;
    expect(database).toMatchObject({ status: 'up', probes: ['readiness', 'startup'] });
    expect(database.details.pool).toMatchObject({ max: 2 });
  });

  it('checks the ioredis client built from configuration, non-critical by configuration', async () => {
    const reachable = AppConfigModule.forRoot({ REDIS_PORT: redis.port, REDIS_CRITICAL: false });
    const redisCheck = (config: DynamicModule) =>
      IoRedisHealthModule.registerAsync({
        client: REDIS_CLIENT,
        ttl: 0,
        imports: [ConfiguredRedisModule.forRoot(config), config],
        inject: [AppConfigService],
        useFactory: (settings: AppConfigService) => ({
          name: 'cache',
          critical: settings.get<boolean>('REDIS_CRITICAL'),
          timeout: 1000,
        }),
      });
    app = await bootstrap(adapter, withImports([redisCheck(reachable)]));
    await waitForReadyClient(app);
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    expect((await details()).checks.cache).toMatchObject({ status: 'up', critical: false });
    await app.close();

    // Never connected (lazyConnect): down, but not critical by configuration.
    const idle = AppConfigModule.forRoot({
      REDIS_PORT: redis.port,
      REDIS_LAZY: true,
      REDIS_CRITICAL: false,
    });
    app = await bootstrap(adapter, withImports([redisCheck(idle)]));
    await probe(app, '/health/ready').expect(200, { status: 'degraded' });
    expect((await details()).checks.cache).toMatchObject({ status: 'down', critical: false });
  });

  it('puts a check in the probe its factory names', async () => {
    const memory = MemoryHealthModule.registerAsync({
      useFactory: async () => ({ name: 'heap', probe: 'liveness' as const, ttl: 0 }),
    });
    app = await bootstrap(adapter, withImports([memory]));
    await probe(app, '/health/live').expect(200, { status: 'up' });
    expect((await details()).checks.heap).toMatchObject({ probes: ['liveness'] });
  });
});

async function waitForReadyClient(app: INestApplication): Promise<void> {
  const client = app.get<Redis>(REDIS_CLIENT, { strict: false });
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
}

describe('registerAsync misuse fails bootstrap, naming module, class and option', () => {
  const config = AppConfigModule.forRoot({ UPSTREAM_URL: 'ftp://files.example.com/' });

  it('when the factory throws', async () => {
    const error = await bootstrapError(
      withImports([
        HttpHealthModule.registerAsync({
          useFactory: () => {
            throw new Error('UPSTREAM_URL is not set');
          },
        }),
      ]),
    );
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect(error).toMatchObject({
      message: READY_MADE_FACTORY_FAILED(
        'HttpHealthModule',
        'HttpHealthCheck',
        'UPSTREAM_URL is not set',
      ),
    });
  });

  it('when the factory answers a bad value from configuration', async () => {
    await expectConfigurationError(
      withImports([
        HttpHealthModule.registerAsync({
          imports: [config],
          inject: [AppConfigService],
          useFactory: async (settings: AppConfigService) => ({
            url: settings.get<string>('UPSTREAM_URL'),
          }),
        }),
      ]),
      INVALID_READY_MADE_OPTION(
        'HttpHealthModule',
        'HttpHealthCheck',
        'url',
        HTTP_EXPECTED.url,
        'ftp://files.example.com/',
        'registerAsync',
      ),
    );
  });

  it('when the factory answers a bad @HealthCheck() option, as register() does', async () => {
    await expectConfigurationError(
      withImports([DiskHealthModule.registerAsync({ useFactory: () => ({ ttl: -1 }) })]),
      INVALID_CHECK_OPTION('DiskHealthCheck', 'check', 'ttl', EXPECTED.duration, -1),
    );
  });
});

describe('registerAsync under the deep-hash module id algorithm', () => {
  it('keeps two registrations whose factories read alike as two checks', async () => {
    // Same source text, same static options: only the closure tells the two factories apart.
    const named = (name: string) =>
      MemoryHealthModule.registerAsync({ useFactory: () => ({ name }) });
    const moduleRef = await Test.createTestingModule(
      { imports: [withImports([named('heap-a'), named('heap-b')])] },
      { moduleIdGeneratorAlgorithm: 'deep-hash' },
    ).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const body = (await probe(app, '/health/details', ADMIN)).body;
      expect(Object.keys(body.checks).sort()).toEqual(['heap-a', 'heap-b']);
    } finally {
      await app.close();
    }
  });
});
