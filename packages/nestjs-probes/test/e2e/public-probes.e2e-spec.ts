import { type INestApplication, VersioningType } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Module, type Provider } from '@nestjs/common';
import { HealthModule, type HealthModuleSyncOptions } from 'nestjs-probes';
import request from 'supertest';
import { HealthyHealth } from '../src/healthy.health';
import { LivenessHealth } from '../src/liveness.health';
import {
  CountingInterceptor,
  OrdersController,
  RejectAnonymousGuard,
} from '../src/real-app.fixtures';
import { StartupHealth } from '../src/startup.health';
import { ADAPTERS, type AdapterName, createApp, initApp } from '../src/test-app.util';

const PROBES = ['/health/live', '/health/ready', '/health/startup'];

@Module({})
class RealAppModule {}

/** An application shaped like production Nest apps: the given global providers and imports. */
function realApp(globals: Provider[], options: HealthModuleSyncOptions = {}, imports: any[] = []) {
  return {
    module: RealAppModule,
    imports: [HealthModule.forRoot(options), ...imports],
    controllers: [OrdersController],
    providers: [HealthyHealth, LivenessHealth, StartupHealth, ...globals],
  };
}

describe.each(ADAPTERS)('public probes in a real app (%s)', (adapter: AdapterName) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const start = async (
    module: ReturnType<typeof realApp>,
    configure: (app: INestApplication) => void = () => undefined,
  ) => {
    app = await createApp(adapter, module);
    configure(app);
    return initApp(app);
  };
  const get = (path: string) => request(app!.getHttpServer()).get(path);

  describe('with a global guard that refuses anonymous requests', () => {
    const guarded = () => realApp([{ provide: APP_GUARD, useClass: RejectAnonymousGuard }]);

    it('refuses an anonymous user route (the guard is in force)', async () => {
      await start(guarded());
      await get('/orders').expect(401);
    });

    it.each(PROBES)('answers %s to an anonymous kubelet', async (path) => {
      await start(guarded());
      const response = await get(path).expect(200);
      expect(response.body).toEqual({ status: 'up' });
    });

    it('answers a per-check view anonymously', async () => {
      await start(guarded());
      await get('/health/ready/HealthyHealth.ping').expect(200, { status: 'up' });
    });

    it('keeps details behind the app guard and the access rule', async () => {
      await start(guarded());
      await get('/health/details').expect(401);
      await get('/health/details').set('Authorization', 'Bearer someone').expect(403);
      const details = await get('/health/details').set('Authorization', 'Bearer admin').expect(200);
      expect(details.body.checks['HealthyHealth.ping'].status).toBe('up');
    });
  });

  describe('with a global throttler at 1 request per minute', () => {
    const throttled = () =>
      realApp([{ provide: APP_GUARD, useClass: ThrottlerGuard }], {}, [
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1 }]),
      ]);

    it('throttles a user route (the throttler is in force)', async () => {
      await start(throttled());
      await get('/orders').expect(200);
      await get('/orders').expect(429);
    });

    it('never throttles the probes', async () => {
      await start(throttled());
      for (let round = 0; round < 5; round++)
        for (const path of PROBES) await get(path).expect(200);
    });
  });

  describe('with a global logging interceptor', () => {
    it('sees user routes and never a probe', async () => {
      CountingInterceptor.seen.length = 0;
      await start(realApp([{ provide: APP_INTERCEPTOR, useClass: CountingInterceptor }]));
      for (const path of PROBES) await get(path).expect(200);
      await get('/health/ready/HealthyHealth.ping').expect(200);
      await get('/orders').expect(200);
      expect(CountingInterceptor.seen).toEqual(['/orders']);
    });
  });

  describe("with app.setGlobalPrefix('api')", () => {
    const prefixed = (app: INestApplication) => app.setGlobalPrefix('api');

    it('keeps the probes at /health by default, where the manifests point', async () => {
      await start(realApp([]), prefixed);
      await get('/api/orders').expect(200);
      for (const path of PROBES) {
        await get(path).expect(200);
        await get(`/api${path}`).expect(404);
      }
    });

    it('serves the admin routes under the prefix, as Nest routes', async () => {
      await start(realApp([{ provide: APP_GUARD, useClass: RejectAnonymousGuard }]), prefixed);
      await get('/api/health/details').set('Authorization', 'Bearer admin').expect(200);
      await get('/health/details').set('Authorization', 'Bearer admin').expect(404);
    });

    it('moves the probes under the prefix with followGlobalPrefix', async () => {
      await start(realApp([], { followGlobalPrefix: true }), prefixed);
      for (const path of PROBES) {
        await get(`/api${path}`).expect(200);
        await get(path).expect(404);
      }
      await get('/api/health/ready/HealthyHealth.ping').expect(200, { status: 'up' });
    });

    it('takes a prefix given with slashes', async () => {
      await start(realApp([], { followGlobalPrefix: true }), (app) =>
        app.setGlobalPrefix('/v2/api/'),
      );
      await get('/v2/api/health/ready').expect(200);
    });
  });

  describe('with URI versioning', () => {
    const versioned = (app: INestApplication) =>
      app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });

    it('keeps the probes unversioned, and the admin routes version-neutral', async () => {
      await start(realApp([{ provide: APP_GUARD, useClass: RejectAnonymousGuard }]), versioned);
      await get('/v1/orders').set('Authorization', 'Bearer x').expect(200);
      for (const path of PROBES) await get(path).expect(200);
      await get('/v1/health/ready').expect(404);
      await get('/health/details').set('Authorization', 'Bearer admin').expect(200);
    });
  });
});
