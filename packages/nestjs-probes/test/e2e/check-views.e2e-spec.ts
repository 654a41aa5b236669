import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { StartupHealth } from '../src/startup.health';
import { ADAPTERS, type AdapterName, bootstrap } from '../src/test-app.util';
import { ViewsHealth } from '../src/views.health';

const HEALTH_JSON = 'application/health+json';

describe.each(ADAPTERS)(
  'per-check views, exclude, health+json, HEAD, OPTIONS (%s)',
  (adapter: AdapterName) => {
    let app: INestApplication;
    let checks: ViewsHealth;
    beforeEach(async () => {
      app = await bootstrap(adapter, AppModule.registerChecks([ViewsHealth]));
      checks = app.get(ViewsHealth);
    });
    afterEach(() => app.close());
    const get = (path: string) => request(app.getHttpServer()).get(path);

    describe('GET /health/ready/{name} and /health/live/{name}', () => {
      it("answers each check's own status and nothing else", async () => {
        await get('/health/ready/cache').expect(200, { status: 'up' });
        await get('/health/live/heartbeat').expect(200, { status: 'up' });
        checks.cacheUp = false;
        checks.heartbeatUp = false;
        await get('/health/ready/cache').expect(503, { status: 'down' });
        await get('/health/live/heartbeat').expect(503, { status: 'down' });
      });

      it('answers a non-critical check down as down, whatever its criticality', async () => {
        checks.searchUp = false;
        await get('/health/ready').expect(200, { status: 'degraded' });
        const view = await get('/health/ready/search').expect(503, { status: 'down' });
        // Its ttl (2.5 s) is when a new result could come.
        expect(view.headers['retry-after']).toBe('3');
      });

      it('answers Retry-After of at least 1 on a per-check 503', async () => {
        checks.cacheUp = false;
        const view = await get('/health/ready/cache').expect(503);
        expect(view.headers['retry-after']).toBe('1');
      });

      it.each([
        '/health/ready/nope',
        '/health/live/cache', // a readiness check, not a liveness one
        '/health/ready/heartbeat',
        '/health/ready/',
        '/health/ready/cache/',
        '/health/ready/cache/extra',
        '/health/READY/cache',
        '/health/startup/cache',
      ])('answers the unknown route 404 for %s', async (path) => {
        const response = await get(path).expect(404);
        expect(JSON.stringify(response.body)).not.toContain('cache unreachable');
      });

      it('decodes an escaped name', async () => {
        await get('/health/ready/%63ache').expect(200, { status: 'up' });
      });
    });

    describe('?exclude=', () => {
      it('leaves the named checks out of that answer only', async () => {
        checks.cacheUp = false;
        checks.searchUp = false;
        await get('/health/ready').expect(503, { status: 'down' });
        await get('/health/ready?exclude=cache').expect(200, { status: 'degraded' });
        await get('/health/ready?exclude=cache&exclude=search').expect(200, { status: 'up' });
        await get('/health/ready').expect(503);
      });

      it('ignores a name that does not exist, and other parameters', async () => {
        checks.cacheUp = false;
        await get('/health/ready?exclude=nope').expect(503, { status: 'down' });
        await get('/health/ready?exclude=&verbose=1&exclude=%ZZ').expect(503, { status: 'down' });
      });

      it('works on /live', async () => {
        checks.heartbeatUp = false;
        await get('/health/live').expect(503);
        await get('/health/live?exclude=heartbeat').expect(200, { status: 'up' });
      });
    });

    describe('application/health+json', () => {
      it.each([
        ['/health/ready', 'pass'],
        ['/health/live', 'pass'],
        ['/health/startup', 'pass'],
      ])('answers %s as %s with the draft media type', async (path, status) => {
        const response = await get(path).set('Accept', HEALTH_JSON).expect(200);
        expect(response.headers['content-type']).toBe(HEALTH_JSON);
        expect(JSON.parse(response.text)).toEqual({ status });
      });

      it('maps degraded to warn and down to fail, with the same HTTP status', async () => {
        checks.searchUp = false;
        const warn = await get('/health/ready').set('Accept', HEALTH_JSON).expect(200);
        expect(JSON.parse(warn.text)).toEqual({ status: 'warn' });
        checks.cacheUp = false;
        const fail = await get('/health/ready').set('Accept', HEALTH_JSON).expect(503);
        expect(JSON.parse(fail.text)).toEqual({ status: 'fail' });
        expect(fail.headers['retry-after']).toBe('1');
        const view = await get('/health/ready/cache').set('Accept', HEALTH_JSON).expect(503);
        expect(JSON.parse(view.text)).toEqual({ status: 'fail' });
      });

      it('answers plain JSON for other Accept values, and for health+json at q=0', async () => {
        for (const accept of ['*/*', 'application/json', `${HEALTH_JSON};q=0`, 'text/html']) {
          const response = await get('/health/ready').set('Accept', accept).expect(200);
          expect(response.headers['content-type']).toMatch(/^application\/json/);
          expect(response.body).toEqual({ status: 'up' });
        }
        const listed = await get('/health/ready').set(
          'Accept',
          `application/json;q=0.5, ${HEALTH_JSON}`,
        );
        expect(listed.headers['content-type']).toBe(HEALTH_JSON);
      });

      it('says the answer varies with Accept', async () => {
        const response = await get('/health/ready').expect(200);
        expect(response.headers.vary).toMatch(/Accept/i);
      });
    });

    describe('HEAD', () => {
      it.each(['/health/live', '/health/ready', '/health/startup', '/health/ready/cache'])(
        'answers HEAD %s with the status and headers of GET and no body',
        async (path) => {
          for (const up of [true, false]) {
            checks.cacheUp = up;
            const got = await get(path);
            const head = await request(app.getHttpServer()).head(path);
            expect(head.status).toBe(got.status);
            expect(head.text ?? '').toBe('');
            for (const header of [
              'content-type',
              'content-length',
              'cache-control',
              'retry-after',
              'vary',
            ])
              expect([header, head.headers[header]]).toEqual([header, got.headers[header]]);
          }
        },
      );
    });

    describe('OPTIONS and other methods', () => {
      it.each(['/health/live', '/health/ready', '/health/startup', '/health/ready/cache'])(
        'answers OPTIONS %s with 204 and Allow',
        async (path) => {
          const response = await request(app.getHttpServer()).options(path).expect(204);
          expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
          expect(response.text ?? '').toBe('');
        },
      );

      it.each(['post', 'put', 'patch', 'delete'] as const)(
        'answers %s on a probe path 405 with Allow',
        async (method) => {
          const response = await request(app.getHttpServer())[method]('/health/ready').expect(405);
          expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
        },
      );
    });

    describe('x-envoy-degraded', () => {
      it('marks a degraded answer for Envoy, and only a degraded one', async () => {
        checks.searchUp = false;
        expect((await get('/health/ready').expect(200)).headers['x-envoy-degraded']).toBe('true');
        expect((await get('/health/live').expect(200)).headers['x-envoy-degraded']).toBeUndefined();
        checks.cacheUp = false;
        expect(
          (await get('/health/ready').expect(503)).headers['x-envoy-degraded'],
        ).toBeUndefined();
      });
    });
  },
);

describe.each(ADAPTERS)('Retry-After on /startup (%s)', (adapter: AdapterName) => {
  it('answers a closed startup probe 503 with Retry-After', async () => {
    const app = await bootstrap(adapter, AppModule.registerChecks([StartupHealth]));
    try {
      app.get(StartupHealth).passing = false;
      const response = await request(app.getHttpServer()).get('/health/startup');
      expect(response.status).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await app.close();
    }
  });
});
