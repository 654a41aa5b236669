import { type INestApplication, Logger } from '@nestjs/common';
import { CHECK_TIMED_OUT } from '../../src/health.messages';
import { AppModule } from '../src/app.module';
import { LEAKED_SECRETS, LEAKY_TIMEOUT_MS } from '../src/leaky.health';
import { type RedactionCase, REDACTION_TABLE } from '../src/redaction-table.health';
import { ADAPTERS, bootstrap, probe } from '../src/test-app.util';

describe.each(ADAPTERS)('redaction (%s)', (adapter) => {
  let app: INestApplication;
  let checks: Record<string, { status: string; error?: string; details?: any }>;
  let text: string;

  beforeAll(async () => {
    app = await bootstrap(adapter, AppModule.registerRedaction());
    const res = await probe(app, '/health/details', 'admin');
    expect(res.status).toBe(200);
    ({ text } = res);
    checks = res.body.checks;
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(LEAKED_SECRETS)('never shows %p on the details endpoint', (secret) => {
    expect(text).not.toContain(secret);
  });

  it('never shows credentials in a URL (user:pass@)', () => {
    expect(text).not.toMatch(/\/\/[^/\s"]*:[^/\s"]*@/);
    expect(checks['url-credentials'].error).toContain('postgres://');
  });

  it('masks password= and token= values but keeps the key', () => {
    expect(checks['password-pair'].error).toMatch(/password=(?!hunter2)/);
    expect(checks['token-query'].error).toMatch(/token=(?!s3cr3t)/);
    expect(checks['token-query'].error).toContain('answered 500');
    expect(checks['non-error'].error).toMatch(/token=(?!s3cr3t)/);
  });

  it('masks bearer tokens', () => {
    expect(checks['bearer-token'].error).toContain('answered 401');
    expect(checks['bearer-token'].error).not.toMatch(/bearer\s+ey/i);
  });

  it('keeps the error kind while hiding the address', () => {
    expect(checks['ip-address'].error).toContain('ECONNREFUSED');
    expect(checks['both-loopbacks'].error).toContain('ECONNREFUSED');
    expect(checks['hostname'].error).toContain('ENOTFOUND');
  });

  it('keeps the timeout text', () => {
    expect(checks['times-out'].error).toContain(CHECK_TIMED_OUT(LEAKY_TIMEOUT_MS));
  });

  it('redacts the details a check returns, keeping harmless fields', () => {
    expect(checks['details'].status).toBe('up');
    expect(checks['details'].details.pool).toEqual({ size: 10 });
    expect(checks['details'].details).toHaveProperty('password');
    expect(checks['details'].details.password).not.toBe('hunter2');
  });

  it('redacts a Terminus result carrying a connection string', () => {
    expect(checks['terminus'].status).toBe('down');
    expect(checks['terminus'].details?.['orders-db'].message).toContain('refused');
  });

  it('gives the public readiness answer no error text at all', async () => {
    const res = await probe(app, '/health/ready');
    expect(res.text).toBe('{"status":"degraded"}');
  });
});

const TABLE: ReadonlyArray<[string, RedactionCase]> = Object.entries(REDACTION_TABLE);

describe.each(ADAPTERS)('redaction table (%s)', (adapter) => {
  let app: INestApplication;
  let checks: Record<string, { status: string; error?: string; details?: unknown }>;
  let text: string;
  let logLines: string[];

  beforeAll(async () => {
    // The app logs nothing itself (`logger: false`), but the library's Logger instances still
    // call the prototype methods.
    const spies = (['log', 'warn', 'error'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined),
    );
    app = await bootstrap(adapter, AppModule.registerRedactionTable());
    const res = await probe(app, '/health/details', 'admin');
    expect(res.status).toBe(200);
    ({ text } = res);
    checks = res.body.checks;
    logLines = spies.flatMap((spy) => spy.mock.calls.map(([message]) => String(message)));
    // Every check of the table runs once here: a cold transform cache on a loaded CI machine.
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    jest.restoreAllMocks();
  });

  it('runs every check of the table, and nothing else', () => {
    expect(Object.keys(checks).sort()).toEqual(Object.keys(REDACTION_TABLE).sort());
  });

  describe.each(TABLE)('%s', (name, { secrets, keeps, shows }) => {
    it('is down and logged as down, so the assertions below cannot pass vacuously', () => {
      expect(checks[name].status).toBe('down');
      expect(logLines.filter((line) => line.includes(`"${name}" is down`))).toHaveLength(1);
    });

    it.each(secrets)('never shows %p on the details endpoint', (secret) => {
      expect(text).not.toContain(secret);
    });

    it.each(secrets)('never writes %p to the log', (secret) => {
      expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
    });

    it('keeps what explains the failure', () => {
      if (keeps !== undefined) expect(checks[name].error).toContain(keeps);
      if (shows !== undefined) expect(checks[name].details).toMatchObject(shows);
    });
  });

  it('keeps the details body small, whatever the checks returned', () => {
    expect(text.length).toBeLessThan(50_000);
  });
});
