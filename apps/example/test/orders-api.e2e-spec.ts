import { randomBytes } from 'node:crypto';
import { ThrowawayPostgres, ThrowawayRedis } from '@internal/test-servers';
import { register } from 'prom-client';
import { mintToken } from './support/admin-token';
import { ExampleAppProcess } from './support/example-app.process';
import { AN_ORDER, bearer, placeOrder, postOrder } from './support/orders';

jest.setTimeout(60_000);

const SECRET = randomBytes(32).toString('hex');
// PostgreSQL trusts local connections here, so the password is ignored; it must never be shown.
const DB_PASSWORD = 'e2e-db-password-must-not-leak';

describe('example app on PostgreSQL and Redis (node dist/apps/example/main.js)', () => {
  let postgres: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let app: ExampleAppProcess;
  let admin: Record<string, string>;
  let customer: Record<string, string>;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([ThrowawayPostgres.start(), ThrowawayRedis.start()]);
    const databaseUrl = postgres.url.replace('postgres@', `postgres:${DB_PASSWORD}@`);
    app = await ExampleAppProcess.start({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      JWT_SECRET: SECRET,
      HEALTH_TTL_MS: '200',
      DATABASE_POOL_SIZE: '4',
    });
    await app.waitFor('/health/startup', 200);
    admin = bearer(await mintToken(SECRET));
    customer = bearer(await mintToken(SECRET, ['customer']));
  });

  afterAll(async () => {
    await app?.kill();
    await Promise.all([postgres?.destroy(), redis?.destroy()]);
  });

  const json = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as any,
  });

  describe('start', () => {
    it('logs where it listens and which backends it uses, never a password', () => {
      expect(app.logs).toMatch(/orders API listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(app.logs).toContain(`database: PostgreSQL at 127.0.0.1:${postgres.port}/postgres`);
      expect(app.logs).toContain(`cache: Redis at 127.0.0.1:${redis.port}`);
      expect(app.logs).toContain('schema up to date (1 migration(s) applied now)');
      expect(app.logs).not.toContain(DB_PASSWORD);
      expect(app.logs).not.toContain('Admin token for this run');
    });
  });

  describe('business endpoints', () => {
    it('places an order (201), then reads it from PostgreSQL once and from Redis after', async () => {
      const placed = await json(await postOrder(app, AN_ORDER));
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({ customer: 'ada', status: 'placed', totalCents: 3_097 });
      expect(placed.body.lines).toEqual(AN_ORDER.lines);

      const first = await app.fetch(`/orders/${placed.body.id}`);
      expect(first.headers.get('x-cache')).toBe('miss');
      const second = await app.fetch(`/orders/${placed.body.id}`);
      expect(second.headers.get('x-cache')).toBe('hit');
      expect(await second.json()).toEqual(placed.body);
    });

    it('lists one customer’s orders, newest first, up to the limit', async () => {
      const ids = [];
      for (const sku of ['AAA-1', 'BBB-2', 'CCC-3']) {
        ids.push(
          await placeOrder(app, {
            customer: 'grace',
            lines: [{ sku, quantity: 1, unitPriceCents: 1 }],
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const { status, body } = await json(await app.fetch('/orders?customer=grace&limit=2'));
      expect(status).toBe(200);
      expect(body.map((order: { id: string }) => order.id)).toEqual([ids[2], ids[1]]);
    });

    it.each([
      ['no lines', { customer: 'ada', lines: [] }, 'lines must contain at least 1 elements'],
      [
        'a bad sku',
        { customer: 'ada', lines: [{ sku: 'x', quantity: 1, unitPriceCents: 1 }] },
        'sku must be',
      ],
      [
        'a zero quantity',
        { ...AN_ORDER, lines: [{ sku: 'ABC-1', quantity: 0, unitPriceCents: 1 }] },
        'quantity must not be less than 1',
      ],
      ['an unknown field', { ...AN_ORDER, discount: 100 }, 'property discount should not exist'],
      ['no customer', { lines: AN_ORDER.lines }, 'customer must be a string'],
    ])(
      'rejects an order with %s: 400 naming the problem, nothing stored',
      async (_case, body, message) => {
        const count = async () =>
          ((await (await app.fetch('/orders?limit=100')).json()) as unknown[]).length;
        const before = await count();
        const { status, body: answer } = await json(await postOrder(app, body));
        expect(status).toBe(400);
        expect(answer.message.join('; ')).toContain(message);
        expect(await count()).toBe(before);
      },
    );

    it('answers 400 for a malformed id or limit and 404 for an unknown order', async () => {
      expect((await app.fetch('/orders/not-a-uuid')).status).toBe(400);
      expect((await app.fetch('/orders?limit=1000')).status).toBe(400);
      const missing = await json(await app.fetch('/orders/4b1e8a52-7c1f-4c7e-9a55-6d9f1d0c2b11'));
      expect(missing).toEqual({
        status: 404,
        body: {
          statusCode: 404,
          error: 'Not Found',
          message: 'Order 4b1e8a52-7c1f-4c7e-9a55-6d9f1d0c2b11 not found',
        },
      });
    });

    it('cancels for an admin only (401, 403, 200, then 409) and evicts the cached copy', async () => {
      const id = await placeOrder(app);
      await app.fetch(`/orders/${id}`);
      expect((await app.fetch(`/orders/${id}`)).headers.get('x-cache')).toBe('hit');
      const cancel = (headers: Record<string, string> = {}) =>
        app.fetch(`/orders/${id}/cancel`, { method: 'POST', headers });

      expect((await cancel()).status).toBe(401);
      expect((await cancel(customer)).status).toBe(403);
      const cancelled = await json(await cancel(admin));
      expect(cancelled).toMatchObject({ status: 200, body: { id, status: 'cancelled' } });
      expect((await cancel(admin)).status).toBe(409);

      const reread = await app.fetch(`/orders/${id}`);
      expect(reread.headers.get('x-cache')).toBe('miss');
      expect(await reread.json()).toMatchObject({ status: 'cancelled' });
    });

    it('answers 401 for a token signed with another secret, without echoing it', async () => {
      const forged = await mintToken(randomBytes(32).toString('hex'));
      const response = await app.fetch('/orders', { headers: bearer(forged) });
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain(forged);
    });
  });

  describe('probes', () => {
    it.each(['/health/live', '/health/ready', '/health/startup'])(
      '%s answers 200 {"status":"up"}, uncached, and nothing else',
      async (path) => {
        const response = await app.fetch(path);
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toContain('no-store');
        expect(await response.text()).toBe('{"status":"up"}');
      },
    );

    it.each(['/health/live', '/health/ready', '/health/startup'])(
      '%s answers 200 whatever Authorization header a balancer sends (#9)',
      async (path) => {
        const forged = await mintToken(randomBytes(32).toString('hex'));
        for (const authorization of ['Bearer not-a-jwt', `Bearer ${forged}`, 'Basic x']) {
          const response = await app.fetch(path, { headers: { authorization } });
          expect(response.status).toBe(200);
        }
      },
    );

    it('details: 401 without a token, 403 without the admin role', async () => {
      expect((await app.fetch('/health/details')).status).toBe(401);
      expect((await app.fetch('/health/details', { headers: customer })).status).toBe(403);
    });

    it('details: the whole report for an admin, with no password or URL in it', async () => {
      const response = await app.fetch('/health/details', { headers: admin });
      const text = await response.text();
      expect(response.status).toBe(200);
      const report = JSON.parse(text);
      expect(report).toMatchObject({
        status: 'up',
        probes: { liveness: 'up', readiness: 'up', startup: 'up' },
      });
      expect(Object.keys(report.checks).sort()).toEqual([
        'cache',
        'database',
        'event-loop',
        'memory',
        'migrations',
      ]);
      expect(report.checks.database).toMatchObject({
        status: 'up',
        critical: true,
        probes: ['readiness'],
      });
      expect(report.checks.cache).toMatchObject({
        status: 'up',
        critical: false,
        probes: ['readiness'],
      });
      expect(report.checks.migrations).toMatchObject({
        status: 'up',
        probes: ['startup'],
        details: { applied: 1 },
      });
      expect(report.checks['event-loop']).toMatchObject({ probes: ['liveness'] });
      expect(text).not.toContain(DB_PASSWORD);
      expect(text).not.toContain(String(postgres.port));
      expect(text).not.toContain(String(redis.port));
    });

    it('details as application/health+json: named orders-api, whatever package npm ran', async () => {
      const response = await app.fetch('/health/details', {
        headers: { ...admin, accept: 'application/health+json' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/health\+json/);
      const report = (await response.json()) as Record<string, any>;
      expect(report).toMatchObject({ status: 'pass', serviceId: 'orders-api' });
      expect(report.checks['database:responseTime']).toEqual([
        expect.objectContaining({ componentType: 'datastore', status: 'pass' }),
      ]);
    });
  });

  describe('metrics (GET /metrics)', () => {
    it('answers 200 in the Prometheus text format, with the four health metric families', async () => {
      const response = await app.fetch('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(register.contentType);
      const text = await response.text();
      expect(text).toContain('# TYPE health_check_status gauge');
      expect(text).toContain('# TYPE health_check_runs_total counter');
      expect(text).toContain('# TYPE health_check_duration_seconds histogram');
      expect(text).toContain('# TYPE health_probe_status gauge');
    });

    it('needs no token, and answers whatever Authorization header a scraper sends', async () => {
      const forged = await mintToken(randomBytes(32).toString('hex'));
      for (const headers of [
        {},
        customer,
        { authorization: `Bearer ${forged}` },
        { authorization: 'Basic x' },
      ]) {
        const response = await app.fetch('/metrics', { headers });
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('health_probe_status{probe="readiness"');
      }
    });

    it('names checks and statuses only: no password, host or port', async () => {
      await app.fetch('/health/ready');
      const text = await scrape();
      expect(text).not.toContain(DB_PASSWORD);
      expect(text).not.toContain(String(postgres.port));
      expect(text).not.toContain(String(redis.port));
    });
  });

  describe('dependency faults (in order)', () => {
    let orderId: string;

    it('metrics before the outage: the cache check up', async () => {
      await waitForReadiness(200, 'up');
      const text = await scrape();
      expect(sampleOf(text, 'health_check_status{check="cache",status="up"}')).toBe(1);
      expect(sampleOf(text, 'health_check_status{check="cache",status="down"}')).toBe(0);
      expect(sampleOf(text, 'health_probe_status{probe="readiness",status="up"}')).toBe(1);
      expect(sampleOf(text, 'health_check_runs_total{check="cache",status="up"}')).toBeGreaterThan(
        0,
      );
    });

    it('Redis stopped: ready 200 degraded, live 200, reads and writes served by PostgreSQL', async () => {
      orderId = await placeOrder(app);
      await app.fetch(`/orders/${orderId}`);
      await redis.stop();

      await waitForReadiness(200, 'degraded');
      expect(await (await app.fetch('/health/live')).text()).toBe('{"status":"up"}');
      const startedAt = performance.now();
      const read = await app.fetch(`/orders/${orderId}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('x-cache')).toBe('bypass');
      expect(performance.now() - startedAt).toBeLessThan(1_000);
      expect((await postOrder(app, AN_ORDER)).status).toBe(201);

      const details = await json(await app.fetch('/health/details', { headers: admin }));
      expect(details.body.checks.cache).toMatchObject({ status: 'down', critical: false });
      expect(details.body.checks.cache.error).not.toContain(String(redis.port));
      // Logged at the first failed reconnect, just after the connection closed.
      await app.waitForLog('Redis unavailable, reads go to the database');
    });

    it('metrics with Redis stopped: cache down, readiness degraded, down runs counted', async () => {
      await waitForReadiness(200, 'degraded');
      const text = await scrape();
      expect(sampleOf(text, 'health_check_status{check="cache",status="down"}')).toBe(1);
      expect(sampleOf(text, 'health_check_status{check="cache",status="up"}')).toBe(0);
      expect(sampleOf(text, 'health_check_status{check="database",status="up"}')).toBe(1);
      expect(sampleOf(text, 'health_probe_status{probe="readiness",status="degraded"}')).toBe(1);
      expect(sampleOf(text, 'health_probe_status{probe="liveness",status="up"}')).toBe(1);
      expect(
        sampleOf(text, 'health_check_runs_total{check="cache",status="down"}'),
      ).toBeGreaterThan(0);
      expect(text).not.toContain(String(redis.port));
    });

    it('PostgreSQL stopped too: ready 503, live 200, reads answer 503 with Retry-After', async () => {
      await postgres.stop();

      await waitForReadiness(503, 'down');
      expect((await app.fetch('/health/live')).status).toBe(200);
      const read = await app.fetch(`/orders/${orderId}`);
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toBe('5');
      expect(await read.json()).toEqual({
        statusCode: 503,
        message: 'database unavailable, retry later',
      });
    });

    it('both restarted: ready 200 up again, reads go through Redis again', async () => {
      await Promise.all([postgres.restart(), redis.restart()]);

      await waitForReadiness(200, 'up');
      expect((await app.fetch(`/orders/${orderId}`)).headers.get('x-cache')).toBe('miss');
      expect((await app.fetch(`/orders/${orderId}`)).headers.get('x-cache')).toBe('hit');
      await app.waitForLog('Redis is back, caching again');
    });

    it('metrics with Redis back: the cache check up again', async () => {
      await waitForReadiness(200, 'up');
      const text = await scrape();
      expect(sampleOf(text, 'health_check_status{check="cache",status="up"}')).toBe(1);
      expect(sampleOf(text, 'health_check_status{check="cache",status="down"}')).toBe(0);
      expect(sampleOf(text, 'health_probe_status{probe="readiness",status="up"}')).toBe(1);
      expect(sampleOf(text, 'health_probe_status{probe="readiness",status="degraded"}')).toBe(0);
    });
  });

  /** `GET /metrics` without a token; fails on anything but 200. */
  async function scrape(): Promise<string> {
    const response = await app.fetch('/metrics');
    expect(response.status).toBe(200);
    return response.text();
  }

  /** The value of one series, given with its labels as prom-client prints them. */
  function sampleOf(text: string, series: string): number | undefined {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  /** Within the checks' ttl + timeout (200 + 1000 ms), with slack for reconnects and polling. */
  async function waitForReadiness(status: number, body: string): Promise<void> {
    await app.waitFor('/health/ready', status, 5_000, JSON.stringify({ status: body }));
  }
});
