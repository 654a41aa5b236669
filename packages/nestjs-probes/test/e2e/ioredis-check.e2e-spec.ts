import { type INestApplication } from '@nestjs/common';
import { HealthConfigurationError } from 'nestjs-probes';
import type Redis from 'ioredis';
import { IOREDIS_NOT_READY } from '../../src/ioredis/ioredis.messages';
import { INVALID_READY_MADE_OPTION, PING_SLOW } from '../../src/ready-made/ready-made.messages';
import { IoRedisHealthModule } from 'nestjs-probes/ioredis';
import { AppModule } from '../src/app.module';
import { CacheHealthModule } from '../src/cache-health.module';
import { REDIS_CLIENT } from '../src/redis-client.module';
import { ThrowawayRedis } from '@internal/test-servers';
import {
  ADAPTERS,
  bootstrap,
  probe,
  failOnUnhandledRejections,
  bootstrapError,
} from '../src/test-app.util';

const ADMIN = 'admin';

let server: ThrowawayRedis;

beforeAll(async () => {
  server = await ThrowawayRedis.start();
}, 30_000);

afterAll(() => server?.destroy());

describe.each(ADAPTERS)('IoRedisHealthModule on a real Redis (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });
  failOnUnhandledRejections();

  const details = async () => (await probe(app, '/health/details', ADMIN)).body;

  async function readyClient(): Promise<Redis> {
    const client = app.get<Redis>(REDIS_CLIENT);
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    return client;
  }

  it('is up with latency, role and memory figures, through the app’s own connection', async () => {
    app = await bootstrap(adapter, CacheHealthModule.register({ port: server.port }));
    const client = await readyClient();
    const clientId = await client.client('ID');
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    const check = (await details()).checks.redis;
    expect(check).toMatchObject({ status: 'up', critical: true });
    expect(check.details).toEqual({
      latencyMs: expect.any(Number),
      role: 'master',
      usedMemoryBytes: expect.any(Number),
      maxMemoryBytes: expect.any(Number),
      connectedReplicas: expect.any(Number),
    });
    expect(await client.client('ID')).toBe(clientId);
  });

  it('answers down at once, sending nothing, while the client is not ready', async () => {
    app = await bootstrap(
      adapter,
      CacheHealthModule.register({ port: server.port, lazyConnect: true }),
    );
    const client = app.get<Redis>(REDIS_CLIENT);
    const sendCommand = jest.spyOn(client, 'sendCommand');
    const startedAt = performance.now();
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    expect(performance.now() - startedAt).toBeLessThan(1_500);
    await probe(app, '/health/live').expect(200, { status: 'up' });
    expect((await details()).checks.redis.error).toBe(IOREDIS_NOT_READY('wait'));
    expect(sendCommand).not.toHaveBeenCalled();
  });

  it('is degraded, not down, when non-critical and the client is not ready', async () => {
    app = await bootstrap(
      adapter,
      CacheHealthModule.register({ port: server.port, lazyConnect: true }, [
        { critical: false, ttl: 0 },
      ]),
    );
    await probe(app, '/health/ready').expect(200, { status: 'degraded' });
  });

  it('with info: false, sends a PING alone', async () => {
    app = await bootstrap(
      adapter,
      CacheHealthModule.register({ port: server.port }, [{ ttl: 0, info: false }]),
    );
    await readyClient();
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    expect((await details()).checks.redis.details).toEqual({ latencyMs: expect.any(Number) });
  });

  it('reports a slow PING as degraded above degradedAboveMs', async () => {
    app = await bootstrap(
      adapter,
      CacheHealthModule.register({ port: server.port }, [{ ttl: 0, degradedAboveMs: 0.001 }]),
    );
    await readyClient();
    await probe(app, '/health/ready').expect(200, { status: 'degraded' });
    const check = (await details()).checks.redis;
    expect(check.error).toBe(PING_SLOW(check.details.latencyMs, 0.001));
  });

  it('registers two checks of one client under two names', async () => {
    app = await bootstrap(
      adapter,
      CacheHealthModule.register({ port: server.port }, [
        { name: 'cache' },
        { name: 'sessions', critical: false },
      ]),
    );
    await readyClient();
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    expect(Object.keys((await details()).checks).sort()).toEqual(['cache', 'sessions']);
  });
});

describe('IoRedisHealthModule options', () => {
  // A client that never connects: a failed bootstrap leaves nobody to close it.
  const idle = { lazyConnect: true };

  it('fails bootstrap without a client token, naming module, class and option', async () => {
    const error = await bootstrapError(CacheHealthModule.register(idle, [{ client: undefined }]));
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'IoRedisHealthModule',
        'IoRedisHealthCheck',
        'client',
        "the injection token of the app's ioredis client",
        undefined,
      ),
    );
  });

  it('fails bootstrap when the token is not an ioredis client', async () => {
    const notAClient = {
      module: class NotARedisModule {},
      providers: [{ provide: 'TEST:NOT_REDIS', useValue: { status: 'ready' } }],
      exports: ['TEST:NOT_REDIS'],
    };
    const error = await bootstrapError(
      AppModule.registerChecks([], {}, [
        IoRedisHealthModule.register({ client: 'TEST:NOT_REDIS', imports: [notAClient] }),
      ]),
    );
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'IoRedisHealthModule',
        'IoRedisHealthCheck',
        'client',
        'the token of an ioredis Redis or Cluster instance',
        { status: 'ready' },
      ),
    );
  });

  it('fails bootstrap on a bad info option', async () => {
    const error = await bootstrapError(
      CacheHealthModule.register(idle, [{ info: 'yes' as never }]),
    );
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'IoRedisHealthModule',
        'IoRedisHealthCheck',
        'info',
        'true or false',
        'yes',
      ),
    );
  });
});
