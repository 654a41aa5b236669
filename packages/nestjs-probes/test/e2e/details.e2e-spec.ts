import { type INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module';
import { ADAPTERS, bootstrap, ISO_DATE, probe } from '../src/test-app.util';

const check = (fields: Record<string, unknown>) => ({
  durationMs: expect.any(Number),
  checkedAt: expect.stringMatching(ISO_DATE),
  ...fields,
});

describe.each(ADAPTERS)('details endpoint (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  describe('access', () => {
    beforeEach(async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
    });

    it('answers 401 without request.user', async () => {
      const res = await probe(app, '/health/details');
      expect(res.status).toBe(401);
      expect(res.body).not.toHaveProperty('checks');
    });

    it('answers 403 to a user without the admin role', async () => {
      const res = await probe(app, '/health/details', 'ops,viewer');
      expect(res.status).toBe(403);
      expect(res.body).not.toHaveProperty('checks');
    });

    it('answers 403 to a user with no roles at all', async () => {
      expect((await probe(app, '/health/details', '')).status).toBe(403);
    });

    it('answers 200 to a user holding admin among other roles', async () => {
      expect((await probe(app, '/health/details', 'ops,admin')).status).toBe(200);
    });
  });

  describe('report', () => {
    it('lists every check with its status, criticality, probes, timing and details', async () => {
      app = await bootstrap(adapter, AppModule.registerOptionalFailure({ version: '1.2.3' }));
      const res = await probe(app, '/health/details', 'admin');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'degraded',
        probes: { liveness: 'up', readiness: 'degraded', startup: 'up' },
        version: '1.2.3',
        uptimeSeconds: expect.any(Number),
        timestamp: expect.stringMatching(ISO_DATE),
        checks: {
          'HealthyHealth.ping': check({
            status: 'up',
            critical: true,
            probes: ['readiness'],
            details: { connections: 3 },
          }),
          'NonCriticalFailingHealth.search': check({
            status: 'down',
            critical: false,
            probes: ['readiness'],
            error: 'search cluster unavailable',
          }),
          'LivenessHealth.eventLoop': check({
            status: 'up',
            critical: true,
            probes: ['liveness'],
          }),
          'StartupHealth.migrations': check({
            status: 'up',
            critical: true,
            probes: ['startup'],
          }),
        },
      });
      expect(res.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    });

    it('answers 200 up when every check is up', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
      const res = await probe(app, '/health/details', 'admin');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('up');
    });

    it('answers 503 with the full report when a critical check is down', async () => {
      app = await bootstrap(adapter, AppModule.registerCriticalFailure());
      const res = await probe(app, '/health/details', 'admin');

      expect(res.status).toBe(503);
      expect(res.body.status).toBe('down');
      expect(res.body.probes.readiness).toBe('down');
      expect(res.body.checks['FailingHealth.database']).toEqual(
        check({
          status: 'down',
          critical: true,
          probes: ['readiness'],
          error: expect.stringContaining('ECONNREFUSED'),
        }),
      );
      expect(res.body.checks['HealthyHealth.ping'].status).toBe('up');
    });

    it('shows the reason given to degraded() as the error, with its details', async () => {
      app = await bootstrap(adapter, AppModule.registerDegraded());
      const res = await probe(app, '/health/details', 'admin');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('degraded');
      expect(res.body.checks['PoolHealth.pool']).toEqual(
        check({
          status: 'degraded',
          critical: true,
          probes: ['readiness'],
          error: 'pool saturated',
          details: { waiting: 12 },
        }),
      );
    });
  });

  describe('details.roles', () => {
    beforeEach(async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerHealthy({ details: { roles: ['ops', 'sre'] } }),
      );
    });

    it('admits a caller holding one of the configured roles', async () => {
      expect((await probe(app, '/health/details', 'sre')).status).toBe(200);
    });

    it('refuses admin once admin is not among them', async () => {
      expect((await probe(app, '/health/details', 'admin')).status).toBe(403);
    });
  });

  describe('details.rolesOf', () => {
    const rolesOf = (request: { headers: Record<string, unknown> }) => {
      const key = request.headers['x-api-key'];
      if (key === undefined) return undefined;
      return key === 'probe-key' ? ['admin'] : [];
    };

    beforeEach(async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy({ details: { rolesOf } }));
    });

    it('reads roles with the given function instead of request.user', async () => {
      const res = await probe(app, '/health/details').set('x-api-key', 'probe-key');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('up');
    });

    it('answers 401 when it returns undefined, even with request.user set', async () => {
      expect((await probe(app, '/health/details', 'admin')).status).toBe(401);
    });

    it('answers 403 when it returns no required role', async () => {
      expect((await probe(app, '/health/details').set('x-api-key', 'wrong')).status).toBe(403);
    });
  });
});
