import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { TEST_ROLES_HEADER } from '../src/fake-auth.guard';
import { ADAPTERS, bootstrap } from '../src/test-app.util';

const ROUTES = ['live', 'ready', 'startup', 'details'];

/** Spellings that one adapter or the other would route to a probe by its own defaults (#9). */
const VARIANTS = (route: string) => [
  `/health/${route}/`,
  `/HEALTH/${route.toUpperCase()}`,
  `/Health/${route}`,
  `/health/%${route.charCodeAt(0).toString(16)}${route.slice(1)}`,
  `/health/${route}/?x=1`,
];

describe.each(ADAPTERS)('probe paths are matched exactly (%s)', (adapter) => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await bootstrap(adapter, AppModule.registerHealthy());
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string) =>
    request(app.getHttpServer()).get(path).set(TEST_ROLES_HEADER, 'admin');

  it.each(ROUTES)('answers /health/%s, with or without a query string', async (route) => {
    expect((await get(`/health/${route}`)).status).toBe(200);
    expect((await get(`/health/${route}?verbose=1`)).status).toBe(200);
  });

  it.each(ROUTES.flatMap((route) => VARIANTS(route)))(
    'answers %s with the 404 of an unknown route',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `Cannot GET ${path}`,
      });
      const unknown = await get('/health/nope');
      expect(unknown.body).toEqual({ ...res.body, message: 'Cannot GET /health/nope' });
    },
  );

  it.each(VARIANTS('details'))('answers an anonymous %s with 404 too, not 401', async (path) => {
    expect((await request(app.getHttpServer()).get(path)).status).toBe(404);
  });
});
