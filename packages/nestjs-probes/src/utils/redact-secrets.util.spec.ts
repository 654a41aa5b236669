import { redactDetails, redactSecrets } from './redact-secrets.util';

describe('redactSecrets', () => {
  describe('removes credentials', () => {
    it.each([
      [
        'URL userinfo',
        'connect postgres://admin:hunter2@db.internal:5432/app',
        'hunter2',
        'postgres://***@',
      ],
      ['URL with an empty user', 'redis://:hunter2@cache:6379', 'hunter2', 'redis://***@'],
      ['password=', 'login failed: user=bob password=hunter2 db=app', 'hunter2', 'password=***'],
      ['pwd=', 'Server=db;Uid=sa;Pwd=hunter2;', 'hunter2', 'Pwd=***;'],
      ['token=', 'GET /x?token=abc123&page=2', 'abc123', 'token=***&page=2'],
      ['apiKey:', 'apiKey: abc123 rejected', 'abc123', 'apiKey: ***'],
      ['api_key=', 'api_key=abc123', 'abc123', 'api_key=***'],
      ['JSON "password"', '{"user":"bob","password":"hunter2"}', 'hunter2', '"password":"***"'],
      ["quoted 'secret'", "secret: 'hunter2'", 'hunter2', "secret: '***'"],
      [
        'Bearer token',
        'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig',
        'eyJhbGciOiJIUzI1NiJ9',
        '***',
      ],
      ['lower-case bearer', 'sent bearer abc.def-ghi', 'abc.def-ghi', 'bearer ***'],
      ['Basic credentials', 'Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz', 'Basic ***'],
    ])('%s', (_case, input, secret, expected) => {
      const output = redactSecrets(input);
      expect(output).not.toContain(secret);
      expect(output).toContain(expected);
    });
  });

  describe('removes hosts', () => {
    it.each([
      ['IPv4', 'connect ECONNREFUSED 10.0.0.5', '10.0.0.5', 'connect ECONNREFUSED [host]'],
      [
        'IPv4 with port',
        'connect ECONNREFUSED 127.0.0.1:5432',
        '127.0.0.1',
        'connect ECONNREFUSED [host]',
      ],
      ['IPv6 loopback', 'connect ECONNREFUSED ::1', '::1', 'connect ECONNREFUSED [host]'],
      [
        'IPv6 loopback with port',
        'connect ECONNREFUSED ::1:5432',
        '::1',
        'connect ECONNREFUSED [host]',
      ],
      ['bracketed IPv6 with port', 'cannot reach [::1]:5432 now', '::1', 'cannot reach [host] now'],
      ['link-local IPv6', 'fe80::1 unreachable', 'fe80', '[host] unreachable'],
      ['name.domain:port', 'db.internal:5432 refused', 'db.internal', '[host] refused'],
      [
        'ENOTFOUND host',
        'getaddrinfo ENOTFOUND db.internal',
        'db.internal',
        'getaddrinfo ENOTFOUND [host]',
      ],
      [
        'EAI_AGAIN host',
        'getaddrinfo EAI_AGAIN postgres',
        'postgres',
        'getaddrinfo EAI_AGAIN [host]',
      ],
      [
        'URL host',
        'request to https://api.example.com/v1/ping failed',
        'api.example.com',
        'request to https://[host]/v1/ping failed',
      ],
      [
        'URL host and credentials',
        'postgres://admin:hunter2@db.internal:5432/app',
        'db.internal',
        'postgres://***@[host]:5432/app',
      ],
    ])('%s', (_case, input, host, expected) => {
      const output = redactSecrets(input);
      expect(output).not.toContain(host);
      expect(output).toBe(expected);
    });
  });

  describe('keeps what explains the failure', () => {
    it.each([
      'ECONNREFUSED',
      'timed out after 2000 ms',
      'HEALTH_ERR_TIMEOUT: timed out after 2000 ms',
      'job failed at 12:30:45 today',
      'the check returned false',
      'pool exhausted: 10 of 10 connections in use',
      'std::vector overflow',
      'version v1.2.3 is too old',
    ])('%j', (input) => {
      expect(redactSecrets(input)).toBe(input);
    });
  });

  it('truncates long text', () => {
    const output = redactSecrets('x'.repeat(2_000));
    expect(output).toBe(`${'x'.repeat(500)}…`);
  });

  it('leaves text at the limit whole', () => {
    expect(redactSecrets('y'.repeat(500))).toBe('y'.repeat(500));
  });

  it('does not leak part of a secret that the truncation cuts through', () => {
    const input = `${'x'.repeat(470)} postgres://admin:supersecretpassword@db:5432`;
    const output = redactSecrets(input);
    expect(output.length).toBeLessThanOrEqual(501);
    expect(output).not.toMatch(/supers|admin/);
  });

  it('does not leak part of an address that the truncation cuts through', () => {
    const output = redactSecrets(`${'x'.repeat(490)} 10.20.30.40:5432`);
    expect(output).not.toMatch(/10\.20/);
  });

  it('stays quick on long adversarial input', () => {
    // Rules with nested quantifiers are quadratic on long runs; the scan is bounded.
    const output = redactSecrets(`${'a-'.repeat(500_000)}:`);
    expect(output.endsWith('…')).toBe(true);
  });
});

describe('redactDetails', () => {
  it('masks the values of secret-named fields', () => {
    expect(
      redactDetails({
        password: 'hunter2',
        dbPassword: 'hunter2',
        token: 'abc',
        accessToken: 'abc',
        apiKey: 'abc',
        api_key: 'abc',
        secret: 42,
        clientSecret: 'abc',
        authorization: 'Bearer abc',
        user: 'bob',
      }),
    ).toEqual({
      password: '***',
      dbPassword: '***',
      token: '***',
      accessToken: '***',
      apiKey: '***',
      api_key: '***',
      secret: '***',
      clientSecret: '***',
      authorization: '***',
      user: 'bob',
    });
  });

  it('masks a list held by a secret-named field', () => {
    expect(redactDetails({ tokens: ['abc', 'def'] })).toEqual({
      tokens: '***',
    });
  });

  it('redacts strings at every level, in objects and arrays', () => {
    const output = redactDetails({
      primary: { url: 'postgres://admin:hunter2@db.internal:5432/app' },
      replicas: ['connect ECONNREFUSED 10.0.0.7:5432', { note: 'token=abc' }],
    });
    expect(output).toEqual({
      primary: { url: 'postgres://***@[host]:5432/app' },
      replicas: ['connect ECONNREFUSED [host]', { note: 'token=***' }],
    });
  });

  it('follows a secret-named object to mask its fields', () => {
    expect(redactDetails({ credentials: { user: 'bob', password: 'hunter2' } })).toEqual({
      credentials: { user: 'bob', password: '***' },
    });
  });

  it('keeps numbers, booleans and null', () => {
    expect(redactDetails({ waiting: 3, healthy: true, last: null })).toEqual({
      waiting: 3,
      healthy: true,
      last: null,
    });
  });

  it('cuts a cycle instead of following it', () => {
    const pool: Record<string, unknown> = { size: 10 };
    pool.self = pool;
    const output = redactDetails({ pool });
    expect(output).toEqual({ pool: { size: 10, self: '[truncated]' } });
    expect(() => JSON.stringify(output)).not.toThrow();
  });

  it('drops functions and symbols', () => {
    const output = redactDetails({
      connect: () => undefined,
      tag: Symbol('t'),
      size: 1,
    });
    expect(JSON.parse(JSON.stringify(output))).toEqual({ size: 1 });
  });

  it('writes Dates as ISO strings and BigInts as decimal strings', () => {
    const output = redactDetails({
      since: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      rows: 12345678901234567890n,
    });
    expect(output).toEqual({
      since: '2024-01-02T03:04:05.000Z',
      rows: '12345678901234567890',
    });
    expect(() => JSON.stringify(output)).not.toThrow();
  });

  it('writes a nested Error as its redacted message', () => {
    expect(
      redactDetails({
        last: new Error('auth failed for postgres://u:hunter2@db/app'),
      }),
    ).toEqual({
      last: 'auth failed for postgres://***@[host]/app',
    });
  });

  it('cuts deep nesting', () => {
    let deep: Record<string, unknown> = { leaf: 'token=abc' };
    for (let i = 0; i < 20; i++) deep = { deep };
    const text = JSON.stringify(redactDetails(deep));
    expect(text).toContain('[truncated]');
    expect(text).not.toContain('leaf');
  });

  it('keeps shallow nesting whole', () => {
    expect(redactDetails({ a: { b: { c: 'd' } } })).toEqual({
      a: { b: { c: 'd' } },
    });
  });

  it('does not modify its input', () => {
    const input = {
      password: 'hunter2',
      nested: { url: 'postgres://u:p@h/db' },
    };
    redactDetails(input);
    expect(input).toEqual({
      password: 'hunter2',
      nested: { url: 'postgres://u:p@h/db' },
    });
  });
});
