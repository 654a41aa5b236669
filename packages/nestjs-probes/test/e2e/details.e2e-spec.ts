import { type INestApplication, Logger } from '@nestjs/common';
import { ROLES_OF_FAILED, ROLES_OF_NOT_AN_ARRAY } from '../../src/health.messages';
import { describeError } from '../../src/redaction/error.describer';
import { AppModule } from '../src/app.module';
import { PROTOTYPE_NAMES } from '../src/prototype-names.health';
import { ADAPTERS, bootstrap, ISO_DATE, probe } from '../src/test-app.util';

const check = (fields: Record<string, unknown>) => ({
  durationMs: expect.any(Number),
  checkedAt: expect.stringMatching(ISO_DATE),
  // The history each check keeps (#12); its content is asserted in status-events.e2e-spec.ts.
  since: expect.stringMatching(ISO_DATE),
  transitions: [expect.objectContaining({ to: fields.status })],
  streak: { status: fields.status === 'down' ? 'failing' : 'passing', runs: 1 },
  ...fields,
});

const LOOKUP_HEADER = 'x-lookup';
const LOOKUP_FAILURE = 'role directory unavailable';

/** What `rolesOf` answers, chosen per request by the `x-lookup` header. */
const lookups: Record<string, () => unknown> = {
  superadmin: () => 'superadmin',
  'not-an-admin': () => 'not-an-admin',
  set: () => new Set(['admin']),
  number: () => 1,
  object: () => ({ roles: ['admin'] }),
  null: () => null,
  throw: () => {
    throw new Error(LOOKUP_FAILURE);
  },
  reject: () => Promise.reject(new Error(LOOKUP_FAILURE)),
  'async admin': () => Promise.resolve(['admin']),
  'async anonymous': () => Promise.resolve(undefined),
  'async viewer': () => Promise.resolve(['viewer']),
  'async string': () => Promise.resolve('superadmin'),
  'admin among non-strings': () => [42, null, { role: 'x' }, 'admin'],
  'ADMIN in capitals': () => ['ADMIN'],
};

const lookupRolesOf = (request: { headers: Record<string, unknown> }) =>
  lookups[String(request.headers[LOOKUP_HEADER])]() as string[] | undefined;

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

  describe('check names that are Object.prototype properties', () => {
    it('lists each one as a check of its own', async () => {
      app = await bootstrap(adapter, AppModule.registerPrototypeNames());
      const res = await probe(app, '/health/details', 'admin');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.checks).sort()).toEqual(
        [...PROTOTYPE_NAMES, 'HealthyHealth.ping'].sort(),
      );
      for (const name of PROTOTYPE_NAMES) {
        expect(Object.getOwnPropertyDescriptor(res.body.checks, name)?.value).toEqual(
          check({ status: 'up', critical: true, probes: ['readiness'], details: { name } }),
        );
      }
    });
  });

  describe('details.rolesOf answering something other than an array of roles', () => {
    let warn: jest.SpyInstance;

    beforeEach(async () => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      app = await bootstrap(
        adapter,
        AppModule.registerHealthy({ details: { rolesOf: lookupRolesOf } }),
      );
    });

    afterEach(() => warn.mockRestore());

    it.each([
      ['superadmin', 403],
      ['not-an-admin', 403],
      ['set', 403],
      ['number', 403],
      ['object', 403],
      ['null', 401],
      ['throw', 401],
      ['reject', 401],
      ['async anonymous', 401],
      ['async viewer', 403],
      ['async string', 403],
      ['ADMIN in capitals', 403],
    ])('answers %j with %i and no report', async (lookup, status) => {
      const res = await probe(app, '/health/details').set(LOOKUP_HEADER, lookup);
      expect(res.status).toBe(status);
      expect(res.body).not.toHaveProperty('checks');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it.each(['async admin', 'admin among non-strings'])('admits %j', async (lookup) => {
      const res = await probe(app, '/health/details').set(LOOKUP_HEADER, lookup);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('up');
    });

    it('warns once about an answer that is not an array, however often it comes', async () => {
      for (const lookup of ['superadmin', 'set', 'throw', 'superadmin']) {
        await probe(app, '/health/details').set(LOOKUP_HEADER, lookup);
      }
      expect(warn.mock.calls).toEqual([[ROLES_OF_NOT_AN_ARRAY('superadmin')]]);
    });

    it('warns once about a lookup that throws or rejects', async () => {
      for (const lookup of ['reject', 'throw', 'number']) {
        await probe(app, '/health/details').set(LOOKUP_HEADER, lookup);
      }
      expect(warn.mock.calls).toEqual([
        [ROLES_OF_FAILED(describeError(new Error(LOOKUP_FAILURE)))],
      ]);
    });

    it('does not warn about anonymous callers or missing roles', async () => {
      for (const lookup of ['null', 'async anonymous', 'async viewer', 'async admin']) {
        await probe(app, '/health/details').set(LOOKUP_HEADER, lookup);
      }
      expect(warn).not.toHaveBeenCalled();
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
