import { type INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { LivenessHealth } from '../src/liveness.health';
import { SlowCountedHealth } from '../src/slow-counted.health';
import { ADAPTERS, type AdapterName, bootstrap, ISO_DATE, sleep } from '../src/test-app.util';
import { TEST_ROLES_HEADER } from '../src/fake-auth.guard';

type Method = 'get' | 'post' | 'delete';
const ADMIN_ROUTES: ReadonlyArray<readonly [Method, string]> = [
  ['post', '/health/drain'],
  ['delete', '/health/drain'],
  ['post', '/health/checks/ledger/refresh'],
  ['get', '/health/details'],
];

describe.each(ADAPTERS)('admin controls (%s)', (adapter: AdapterName) => {
  let app: INestApplication;
  let ledger: SlowCountedHealth;
  let logged: jest.SpyInstance[];
  const start = async (options = {}) => {
    app = await bootstrap(
      adapter,
      AppModule.registerChecks([SlowCountedHealth, LivenessHealth], options),
    );
    ledger = app.get(SlowCountedHealth);
  };
  beforeEach(() => {
    logged = (['log', 'warn'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined),
    );
  });
  afterEach(async () => {
    await app?.close();
    logged.forEach((spy) => spy.mockRestore());
  });
  const server = () => app.getHttpServer();
  const as = (method: Method, path: string, roles?: string) => {
    const test = request(server())[method](path);
    return roles === undefined ? test : test.set(TEST_ROLES_HEADER, roles);
  };
  const logLines = () => logged.flatMap((spy) => spy.mock.calls.map((call) => String(call[0])));

  describe('the details access rule', () => {
    it.each(ADMIN_ROUTES)(
      '%s %s: 401 without a user, 403 without the role',
      async (method, path) => {
        await start();
        await as(method, path).expect(401);
        await as(method, path, 'viewer').expect(403);
        const allowed = await as(method, path, 'admin');
        expect(allowed.status).toBe(200);
        expect(allowed.headers['cache-control']).toBe('no-store');
      },
    );

    it.each(['/health/Drain', '/health/drain/', '/health/checks/ledger/refresh/'])(
      'answers a variant of an admin path (%s) with the unknown route 404, before the access rule',
      async (path) => {
        await start();
        await as('post', path).expect(404);
      },
    );
  });

  describe('POST and DELETE /health/drain', () => {
    it('takes readiness to 503 under concurrent probes, liveness staying 200, until DELETE', async () => {
      await start();
      await as('get', '/health/ready').expect(200);
      const during = Promise.all(
        Array.from({ length: 20 }, (_, i) => sleep(i * 5).then(() => as('get', '/health/live'))),
      );
      await as('post', '/health/drain', 'admin').expect(200, { draining: true });
      const ready = await Promise.all(Array.from({ length: 30 }, () => as('get', '/health/ready')));
      for (const response of ready) {
        expect(response.status).toBe(503);
        expect(response.body).toEqual({ status: 'down' });
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      for (const response of await during) expect(response.status).toBe(200);
      // Draining twice is one drain.
      await as('post', '/health/drain', 'admin').expect(200, { draining: true });
      await as('delete', '/health/drain', 'admin').expect(200, { draining: false });
      const after = await Promise.all(Array.from({ length: 10 }, () => as('get', '/health/ready')));
      for (const response of after) expect(response.status).toBe(200);
    });

    it('shows the drain in details and per-check views keep the check status', async () => {
      await start();
      await as('post', '/health/drain', 'admin').expect(200);
      const details = await as('get', '/health/details', 'admin').expect(503);
      expect(details.body.probes).toMatchObject({ readiness: 'down', liveness: 'up' });
      await as('get', '/health/ready/ledger').expect(200, { status: 'up' });
    });

    it('logs who drained and who restored', async () => {
      await start();
      await as('post', '/health/drain', 'admin').expect(200);
      await as('delete', '/health/drain', 'admin').expect(200);
      expect(logLines()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Readiness drained by user "test-user"/),
          expect.stringMatching(/^Readiness restored by user "test-user"/),
        ]),
      );
    });
  });

  describe('POST /health/checks/{name}/refresh', () => {
    it('runs the check now and answers its result in the details shape', async () => {
      await start();
      await as('get', '/health/ready').expect(200);
      expect(ledger.runs).toBe(1);
      await sleep(1100);
      const response = await as('post', '/health/checks/ledger/refresh', 'admin').expect(200);
      expect(ledger.runs).toBe(2);
      expect(response.body).toEqual({
        checks: {
          ledger: expect.objectContaining({
            status: 'up',
            critical: true,
            probes: ['readiness'],
            checkedAt: expect.stringMatching(ISO_DATE),
            details: { entries: 2 },
          }),
        },
      });
      const details = await as('get', '/health/details', 'admin').expect(200);
      expect(details.body.checks.ledger.details).toEqual({ entries: 2 });
    });

    it('coalesces concurrent refreshes onto one run, and forces at most one run a second', async () => {
      await start();
      const concurrent = await Promise.all(
        Array.from({ length: 5 }, () => as('post', '/health/checks/ledger/refresh', 'admin')),
      );
      concurrent.forEach((response) => expect(response.status).toBe(200));
      expect(ledger.runs).toBe(1);
      await as('post', '/health/checks/ledger/refresh', 'admin').expect(200);
      expect(ledger.runs).toBe(1);
      await sleep(1100);
      await as('post', '/health/checks/ledger/refresh', 'admin').expect(200);
      expect(ledger.runs).toBe(2);
    });

    it('answers a failing check with its redacted result, and logs who refreshed it', async () => {
      await start();
      ledger.up = false;
      const response = await as('post', '/health/checks/ledger/refresh', 'admin').expect(200);
      expect(response.body.checks.ledger).toMatchObject({
        status: 'down',
        error: 'ledger unreachable',
      });
      expect(logLines()).toContain('Health check "ledger" refreshed by user "test-user": down');
    });

    it('answers 404 for a name that does not exist', async () => {
      await start();
      await as('post', '/health/checks/nope/refresh', 'admin').expect(404);
    });
  });

  describe('GET /health/details as application/health+json', () => {
    const DRAFT_TOP = [
      'status',
      'version',
      'releaseId',
      'notes',
      'output',
      'serviceId',
      'description',
      'checks',
      'links',
    ];
    const DRAFT_CHECK = [
      'componentId',
      'componentType',
      'observedValue',
      'observedUnit',
      'status',
      'affectedEndpoints',
      'time',
      'output',
      'links',
    ];
    const validate = (body: Record<string, any>) => {
      for (const key of Object.keys(body)) expect(DRAFT_TOP).toContain(key);
      expect(['pass', 'warn', 'fail']).toContain(body.status);
      for (const [key, entries] of Object.entries(body.checks as Record<string, any[]>)) {
        expect(key).toMatch(/^[^:]+(:[^:]+)?$/);
        expect(Array.isArray(entries)).toBe(true);
        for (const entry of entries) {
          for (const field of Object.keys(entry)) expect(DRAFT_CHECK).toContain(field);
          expect(['pass', 'warn', 'fail']).toContain(entry.status);
          if (entry.time !== undefined) expect(entry.time).toMatch(ISO_DATE);
          if (entry.observedUnit !== undefined) expect(typeof entry.observedValue).toBe('number');
          if (entry.status === 'pass') expect(entry.output).toBeUndefined();
        }
      }
    };

    it("answers the draft's full shape, failing checks with their redacted output", async () => {
      await start({ version: '2.3.4', serviceId: 'ledger-api' });
      const passing = await as('get', '/health/details', 'admin')
        .set('Accept', 'application/health+json')
        .expect(200);
      expect(passing.headers['content-type']).toMatch(/^application\/health\+json/);
      validate(passing.body);
      expect(passing.body).toMatchObject({
        status: 'pass',
        version: '2',
        releaseId: '2.3.4',
        serviceId: 'ledger-api',
      });
      expect(passing.body.checks['ledger:responseTime']).toEqual([
        expect.objectContaining({
          status: 'pass',
          observedUnit: 'ms',
          time: expect.stringMatching(ISO_DATE),
        }),
      ]);
      await sleep(1100);
      ledger.up = false;
      await as('post', '/health/checks/ledger/refresh', 'admin').expect(200);
      const failing = await as('get', '/health/details', 'admin')
        .set('Accept', 'application/health+json')
        .expect(503);
      expect(failing.headers['content-type']).toMatch(/^application\/health\+json/);
      validate(failing.body);
      expect(failing.body.status).toBe('fail');
      expect(failing.body.checks['ledger:responseTime'][0]).toMatchObject({
        status: 'fail',
        output: 'ledger unreachable',
      });
    });

    it('keeps the plain JSON report for other Accept values', async () => {
      await start();
      const details = await as('get', '/health/details', 'admin')
        .set('Accept', 'application/json')
        .expect(200);
      expect(details.body.checks.ledger.status).toBe('up');
    });
  });

  describe('the admin rate limit', () => {
    it('answers a flood of 500 details requests with some 429 at once, and runs no extra check', async () => {
      await start({ adminRateLimit: { perSecond: 5, burst: 10 } });
      const startedAt = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 500 }, () => as('get', '/health/details', 'admin')),
      );
      const seconds = (Date.now() - startedAt) / 1000;
      const ok = responses.filter((response) => response.status === 200);
      const refused = responses.filter((response) => response.status === 429);
      expect(ok.length + refused.length).toBe(500);
      expect(ok.length).toBeGreaterThanOrEqual(10);
      expect(ok.length).toBeLessThanOrEqual(10 + Math.ceil(seconds * 5) + 1);
      for (const response of refused) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(response.body).toEqual({ statusCode: 429, message: 'Too Many Requests' });
      }
      // One run of a check cached for a minute, whatever the flood.
      expect(ledger.runs).toBe(1);
    }, 60_000);

    it('limits the refresh route too, and leaves the probes alone', async () => {
      await start({ adminRateLimit: { perSecond: 1, burst: 2 } });
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await as('post', '/health/checks/ledger/refresh', 'admin')).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
      for (let i = 0; i < 20; i++) await as('get', '/health/ready').expect(200);
    });

    it('spends nothing on anonymous callers', async () => {
      await start({ adminRateLimit: { perSecond: 1, burst: 1 } });
      for (let i = 0; i < 5; i++) await as('get', '/health/details').expect(401);
      await as('get', '/health/details', 'admin').expect(200);
    });

    it('can be turned off', async () => {
      await start({ adminRateLimit: false });
      const responses = await Promise.all(
        Array.from({ length: 30 }, () => as('get', '/health/details', 'admin')),
      );
      responses.forEach((response) => expect(response.status).toBe(200));
    });
  });
});
