import { ExampleAppProcess } from './support/example-app.process';
import { bearer, placeOrder } from './support/orders';

jest.setTimeout(30_000);

const ADMIN_TOKEN_LINE = /Admin token for this run \(valid for 1 hour\): (\S+)/;

describe('example app with nothing installed (npm start: no DATABASE_URL, REDIS_URL or JWT_SECRET)', () => {
  let app: ExampleAppProcess;

  beforeAll(async () => {
    app = await ExampleAppProcess.start({});
    await app.waitFor('/health/ready', 200);
  });

  afterAll(async () => {
    await app?.kill();
  });

  it('runs on embedded sql.js without a cache and says so', () => {
    expect(app.logs).toContain('database: embedded sql.js (in memory');
    expect(app.logs).toContain('cache: none (set REDIS_URL');
    expect(app.logs).toContain('schema up to date (1 migration(s) applied now)');
  });

  it('serves orders from the embedded database', async () => {
    const id = await placeOrder(app);
    const read = await app.fetch(`/orders/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('x-cache')).toBe('bypass');
    expect(await read.json()).toMatchObject({ id, customer: 'ada', totalCents: 3_097 });
  });

  it('prints an admin token that opens the details endpoint', async () => {
    const token = ADMIN_TOKEN_LINE.exec(app.logs)?.[1];
    expect(token).toBeDefined();
    expect((await app.fetch('/health/details')).status).toBe(401);
    const details = await app.fetch('/health/details', { headers: bearer(token!) });
    expect(details.status).toBe(200);
    const report = (await details.json()) as { status: string; checks: object };
    expect(report.status).toBe('up');
    expect(Object.keys(report.checks).sort()).toEqual([
      'database',
      'event-loop',
      'memory',
      'migrations',
    ]);
  });
});

describe('example app with a bad environment', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535 (got "eighty")'],
    [
      { DATABASE_URL: 'mysql://root:hunter2@db/orders' },
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
    ],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET must be at least 32 characters'],
  ])('exits 1 naming the variable: %j', async (env, message) => {
    const failure = ExampleAppProcess.start(env);
    await expect(failure).rejects.toThrow('exited during start with code 1');
    await expect(failure).rejects.toThrow(message);
  });

  it('never prints a URL it rejects (it may hold a password)', async () => {
    await expect(
      ExampleAppProcess.start({ REDIS_URL: 'http://:hunter2@cache:6379' }),
    ).rejects.toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
