import { type INestApplication } from '@nestjs/common';
import { CHECK_TIMED_OUT } from '../../src/health.messages';
import { AppModule } from '../src/app.module';
import { LEAKED_SECRETS, LEAKY_TIMEOUT_MS } from '../src/leaky.health';
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
