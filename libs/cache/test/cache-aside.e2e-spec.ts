import { type INestApplication, Logger } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import request from 'supertest';
import { pollUntil, ThrowawayRedis } from '@internal/test-servers';
import { failOnUnhandledRejections } from '../../../packages/nestjs-probes/test/src/test-app.util';
import { CacheAside, type CachedRead } from '../src/cache-aside.service';
import { REDIS_CLIENT } from '../src/cache.constants';
import { RedisClientModule } from '../src/redis-client.module';

jest.setTimeout(20_000);

const PREFIX = 'orders-api:';
const ORDER = { id: 'o-1', customer: 'alice', totalCents: 1250, note: null, lines: [{ sku: 'A' }] };
const OUTAGE_WARNING = /^Redis unavailable, reads go to the database: /;

let server: ThrowawayRedis;

beforeAll(async () => {
  server = await ThrowawayRedis.start();
}, 30_000);

afterAll(() => server?.destroy());

/** Only what the test says: no REDIS_* or CACHE_* left in the shell reaches ConfigService. */
function withoutCacheEnv(): void {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(REDIS|CACHE)_/.test(name)),
  );
  jest.replaceProperty(process, 'env', env);
}

function spyOnLogs() {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  const matching = (spy: jest.SpyInstance, pattern: RegExp) =>
    spy.mock.calls.map(([message]) => String(message)).filter((m) => pattern.test(m));
  return {
    outageWarnings: () => matching(warn, OUTAGE_WARNING),
    backLogs: () => matching(log, /^Redis is back, caching again$/),
  };
}

describe('CacheAside on a real Redis', () => {
  let moduleRef: TestingModule | undefined;
  let plain: Redis;
  let logs: ReturnType<typeof spyOnLogs>;

  /** CacheAside with the app's ioredis client (RedisClientModule), as CacheModule wires them. */
  async function createCache(config: Record<string, unknown> = { REDIS_URL: server.url }) {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        RedisClientModule,
      ],
      providers: [CacheAside],
    }).compile();
    await moduleRef.init();
    return moduleRef.get(CacheAside);
  }

  async function readyClient(): Promise<Redis> {
    const client = moduleRef!.get<Redis>(REDIS_CLIENT);
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    return client;
  }

  /** A loader that counts its calls and answers `value`. */
  function loaderOf<T>(value: T): jest.Mock<Promise<T>, []> {
    return jest.fn(async () => value);
  }

  async function timed<T>(read: () => Promise<CachedRead<T>>) {
    const startedAt = performance.now();
    const result = await read();
    return { ...result, ms: performance.now() - startedAt };
  }

  beforeEach(async () => {
    withoutCacheEnv();
    logs = spyOnLogs();
    await server.ensureServing();
    // Gives up when the server stops, instead of reconnecting in the background like the app's.
    plain = new Redis(server.port, '127.0.0.1', { retryStrategy: () => null });
    await plain.flushall();
  });

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    // ioredis arms a 2 s timer when disconnecting a connection that is already closed.
    if (plain.status !== 'end') plain.disconnect();
    jest.restoreAllMocks();
  });
  failOnUnhandledRejections();

  it('misses, then hits with the value it cached, under the key prefix with the ttl', async () => {
    const cache = await createCache();
    await readyClient();
    const load = loaderOf(ORDER);

    await expect(cache.read('order:o-1', 30, load)).resolves.toEqual({
      value: ORDER,
      cache: 'miss',
    });
    await expect(cache.read('order:o-1', 30, load)).resolves.toEqual({
      value: ORDER,
      cache: 'hit',
    });
    expect(load).toHaveBeenCalledTimes(1);
    expect(JSON.parse((await plain.get(`${PREFIX}order:o-1`))!)).toEqual(ORDER);
    expect(await plain.exists('order:o-1')).toBe(0);
    const ttl = await plain.ttl(`${PREFIX}order:o-1`);
    expect(ttl).toBeGreaterThan(25);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('uses CACHE_KEY_PREFIX when set', async () => {
    const cache = await createCache({ REDIS_URL: server.url, CACHE_KEY_PREFIX: 'tenant-7:' });
    await readyClient();
    await cache.read('order:o-1', 30, loaderOf(ORDER));
    await cache.read('order:o-1', 30, loaderOf(ORDER));
    expect(await plain.keys('*')).toEqual(['tenant-7:order:o-1']);
  });

  it.each([null, undefined])('does not cache a load that found nothing (%p)', async (nothing) => {
    const cache = await createCache();
    await readyClient();
    const load = loaderOf(nothing);
    await expect(cache.read('order:none', 30, load)).resolves.toEqual({
      value: nothing,
      cache: 'miss',
    });
    await expect(cache.read('order:none', 30, load)).resolves.toEqual({
      value: nothing,
      cache: 'miss',
    });
    expect(load).toHaveBeenCalledTimes(2);
    expect(await plain.dbsize()).toBe(0);
  });

  it('evicts a key: the next read loads again', async () => {
    const cache = await createCache();
    await readyClient();
    await cache.read('order:o-1', 30, loaderOf(ORDER));
    await cache.read('order:o-2', 30, loaderOf({ ...ORDER, id: 'o-2' }));

    await cache.evict('order:o-1');
    expect(await plain.keys('*')).toEqual([`${PREFIX}order:o-2`]);
    const load = loaderOf({ ...ORDER, customer: 'bob' });
    await expect(cache.read('order:o-1', 30, load)).resolves.toEqual({
      value: { ...ORDER, customer: 'bob' },
      cache: 'miss',
    });
  });

  it('hands a loader error to the caller unchanged: the source of truth failed, not the cache', async () => {
    const cache = await createCache();
    await readyClient();
    const failure = new Error('database down');
    await expect(cache.read('order:o-1', 30, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await plain.dbsize()).toBe(0);
  });

  it('without REDIS_URL, has no client and bypasses every read', async () => {
    const cache = await createCache({});
    expect(moduleRef!.get(REDIS_CLIENT)).toBeNull();
    const load = loaderOf(ORDER);
    await expect(cache.read('order:o-1', 30, load)).resolves.toEqual({
      value: ORDER,
      cache: 'bypass',
    });
    await expect(cache.read('order:o-1', 30, load)).resolves.toEqual({
      value: ORDER,
      cache: 'bypass',
    });
    await expect(cache.evict('order:o-1')).resolves.toBeUndefined();
    expect(load).toHaveBeenCalledTimes(2);
    expect(await server.connectionCount()).toBe(1);
  });

  it('treats a cached value that is not JSON as a miss and overwrites it', async () => {
    const cache = await createCache();
    await readyClient();
    await plain.set(`${PREFIX}order:o-1`, '{not json');
    await expect(cache.read('order:o-1', 30, loaderOf(ORDER))).resolves.toEqual({
      value: ORDER,
      cache: 'miss',
    });
    await expect(cache.read('order:o-1', 30, loaderOf(ORDER))).resolves.toEqual({
      value: ORDER,
      cache: 'hit',
    });
  });

  it('bypasses a key Redis refuses to read (WRONGTYPE), without caching over it', async () => {
    const cache = await createCache();
    await readyClient();
    await plain.rpush(`${PREFIX}order:o-1`, 'not a string');
    await expect(cache.read('order:o-1', 30, loaderOf(ORDER))).resolves.toEqual({
      value: ORDER,
      cache: 'bypass',
    });
    expect(await plain.type(`${PREFIX}order:o-1`)).toBe('list');
  });

  it('bypasses at once while Redis is stopped, warns once, and caches again once it is back', async () => {
    // A long command timeout, so that "at once" cannot be mistaken for a command that timed out.
    const cache = await createCache({ REDIS_URL: server.url, REDIS_COMMAND_TIMEOUT_MS: 2_000 });
    const client = await readyClient();
    await cache.read('order:o-1', 30, loaderOf(ORDER));

    await server.stop();
    await pollUntil(() => logs.outageWarnings().length > 0, {
      what: 'the outage warning',
      timeoutMs: 3_000,
    });
    // Long enough for several failed reconnection attempts (100, 200, 300 ms apart).
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(client.status).not.toBe('ready');

    const load = loaderOf(ORDER);
    for (let i = 0; i < 3; i++) {
      const read = await timed(() => cache.read('order:o-1', 30, load));
      expect(read).toMatchObject({ value: ORDER, cache: 'bypass' });
      expect(read.ms).toBeLessThan(1_000);
    }
    await expect(cache.evict('order:o-1')).resolves.toBeUndefined();
    expect(load).toHaveBeenCalledTimes(3);
    expect(logs.outageWarnings()).toHaveLength(1);
    expect(logs.backLogs()).toEqual([]);

    await server.restart();
    await pollUntil(() => client.status === 'ready', {
      what: 'the client to reconnect',
      timeoutMs: 5_000,
    });
    expect(logs.backLogs()).toHaveLength(1);
    // A restarted Redis (no persistence) is empty: a miss, then a hit.
    await expect(cache.read('order:o-1', 30, load)).resolves.toMatchObject({ cache: 'miss' });
    await expect(cache.read('order:o-1', 30, load)).resolves.toMatchObject({ cache: 'hit' });
    expect(logs.outageWarnings()).toHaveLength(1);
  });

  it('warns once per outage: a second outage warns again', async () => {
    await createCache();
    const client = await readyClient();
    for (let outage = 1; outage <= 2; outage++) {
      await server.kill();
      await pollUntil(() => logs.outageWarnings().length === outage, {
        what: `the warning of outage ${outage}`,
        timeoutMs: 3_000,
      });
      await server.restart();
      await pollUntil(() => client.status === 'ready', {
        what: 'the client to reconnect',
        timeoutMs: 5_000,
      });
    }
    expect(logs.outageWarnings()).toHaveLength(2);
    expect(logs.backLogs()).toHaveLength(2);
  });

  it('bypasses after one REDIS_COMMAND_TIMEOUT_MS while Redis is frozen, and hits again once resumed', async () => {
    const commandTimeoutMs = 1_000;
    const cache = await createCache({
      REDIS_URL: server.url,
      REDIS_COMMAND_TIMEOUT_MS: commandTimeoutMs,
    });
    await readyClient();
    await cache.read('order:o-1', 30, loaderOf(ORDER));

    server.freeze();
    const load = loaderOf({ ...ORDER, customer: 'from the database' });
    const read = await timed(() => cache.read('order:o-1', 30, load));
    expect(read).toMatchObject({ value: { customer: 'from the database' }, cache: 'bypass' });
    // One command timeout (the option, not the 200 ms default), and no retry (a second would end past 2 s).
    expect(read.ms).toBeGreaterThanOrEqual(commandTimeoutMs - 10);
    expect(read.ms).toBeLessThan(2 * commandTimeoutMs - 100);
    const again = await timed(() => cache.read('order:o-1', 30, load));
    expect(again.cache).toBe('bypass');
    expect(again.ms).toBeLessThan(2 * commandTimeoutMs - 100);

    server.resume();
    await expect(cache.read('order:o-1', 30, load)).resolves.toEqual({
      value: ORDER,
      cache: 'hit',
    });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('waits 200 ms on a frozen Redis when REDIS_COMMAND_TIMEOUT_MS is not set', async () => {
    const cache = await createCache();
    await readyClient();
    server.freeze();
    const read = await timed(() => cache.read('order:o-1', 30, loaderOf(ORDER)));
    server.resume();
    expect(read.cache).toBe('bypass');
    expect(read.ms).toBeGreaterThanOrEqual(190);
    expect(read.ms).toBeLessThan(1_000);
  });

  it('quits its client when the application shuts down', async () => {
    await createCache();
    const client = await readyClient();
    expect(await server.connectionCount()).toBe(2);

    const ended = new Promise((resolve) => client.once('end', resolve));
    await moduleRef!.close();
    moduleRef = undefined;
    await ended;
    expect(client.status).toBe('end');
    expect(await server.connectionCount()).toBe(1);
  });

  it('shuts down promptly with Redis stopped, and stops reconnecting', async () => {
    await createCache();
    const client = await readyClient();
    await server.stop();
    await pollUntil(() => client.status === 'reconnecting', {
      what: 'the client to reconnect',
      timeoutMs: 3_000,
    });
    const connecting = jest.fn();
    client.on('connecting', connecting);

    const startedAt = performance.now();
    await moduleRef!.close();
    moduleRef = undefined;
    expect(performance.now() - startedAt).toBeLessThan(500);
    // The next attempt was due within 100 ms: none comes, the reconnection timer is gone.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connecting).not.toHaveBeenCalled();
  });
});

describe('CacheModule and its cache check', () => {
  const JWT_SECRET = 'cache-module-e2e-'.padEnd(40, 'x');
  let app: INestApplication | undefined;
  let adminToken: string;

  /**
   * Boots HealthModule + CacheModule as the example app does. CacheModule's ConditionalModule reads
   * `process.env` once per module registry, so each boot loads Nest and the libraries afresh.
   */
  async function bootCacheApp(redisUrl: string | undefined): Promise<INestApplication> {
    let loaded!: IsolatedModules;
    jest.isolateModules(() => {
      loaded = {
        common: require('@nestjs/common'),
        testing: require('@nestjs/testing'),
        config: require('@nestjs/config'),
        express: require('@nestjs/platform-express'),
        probes: require('nestjs-probes'),
        auth: require('@app/auth'),
        cache: require('../src'),
      };
    });
    const { common, testing, config, express, probes, auth, cache } = loaded;
    common.Logger.overrideLogger(false);
    if (redisUrl) process.env.REDIS_URL = redisUrl;
    try {
      const moduleRef = await testing.Test.createTestingModule({
        imports: [
          config.ConfigModule.forRoot({
            isGlobal: true,
            ignoreEnvFile: true,
            load: [() => ({ JWT_SECRET, ...(redisUrl && { REDIS_URL: redisUrl }) })],
          }),
          auth.AuthModule,
          probes.HealthModule.forRoot({ defaults: { ttl: 0 } }),
          cache.CacheModule,
        ],
      }).compile();
      app = moduleRef.createNestApplication(new express.ExpressAdapter(), { logger: false });
      await app.init();
    } finally {
      delete process.env.REDIS_URL;
    }
    adminToken = await app.get(auth.TokenService).mint({ subject: 'ops', roles: ['admin'] });
    return app;
  }

  const get = (path: string) => request(app!.getHttpServer()).get(path);
  const details = async () =>
    (await get('/health/details').set('Authorization', `Bearer ${adminToken}`)).body;

  beforeEach(async () => {
    withoutCacheEnv();
    await server.ensureServing();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    jest.restoreAllMocks();
  });
  failOnUnhandledRejections();

  it('with REDIS_URL, registers a non-critical cache check: Redis stopped is degraded, not down', async () => {
    await bootCacheApp(server.url);
    const client = app!.get<Redis>(REDIS_CLIENT);
    await pollUntil(() => client.status === 'ready', { what: 'Redis', timeoutMs: 3_000 });
    await get('/health/ready').expect(200, { status: 'up' });
    expect((await details()).checks).toEqual({
      cache: expect.objectContaining({ status: 'up', critical: false, probes: ['readiness'] }),
    });

    await server.stop();
    await pollUntil(() => client.status !== 'ready', { what: 'the outage', timeoutMs: 3_000 });
    await get('/health/ready').expect(200, { status: 'degraded' });
    await get('/health/live').expect(200, { status: 'up' });
    const report = await details();
    expect(report.status).toBe('degraded');
    expect(report.checks.cache).toMatchObject({ status: 'down', critical: false });

    await server.restart();
    await pollUntil(async () => (await get('/health/ready')).body.status === 'up', {
      what: 'readiness to recover',
      timeoutMs: 5_000,
    });
  });

  it('without REDIS_URL, registers no cache check and no client: ready is up', async () => {
    await bootCacheApp(undefined);
    expect(app!.get(REDIS_CLIENT)).toBeNull();
    expect((await details()).checks).toEqual({});
    await get('/health/ready').expect(200, { status: 'up' });
    expect(await server.connectionCount()).toBe(0);
  });
});

interface IsolatedModules {
  common: typeof import('@nestjs/common');
  testing: typeof import('@nestjs/testing');
  config: typeof import('@nestjs/config');
  express: typeof import('@nestjs/platform-express');
  probes: typeof import('nestjs-probes');
  auth: typeof import('@app/auth');
  cache: typeof import('../src');
}
