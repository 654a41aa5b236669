import { redactSecrets } from './secret-text.redactor';

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

  describe('removes secrets under a key that ends in a secret word', () => {
    it.each([
      ['DB_PASSWORD=', 'DB_PASSWORD=hunter2 rejected', 'hunter2', 'DB_PASSWORD=*** rejected'],
      ['PGPASSWORD=', 'PGPASSWORD=hunter2 psql', 'hunter2', 'PGPASSWORD=*** psql'],
      [
        'client_secret=',
        'client_id=app&client_secret=hunter2&x=1',
        'hunter2',
        'client_secret=***&x=1',
      ],
      [
        'client_secret= after a path ending in token',
        'POST /oauth/token client_id=app&client_secret=hunter2 answered 400',
        'hunter2',
        'token client_id=app&client_secret=*** answered 400',
      ],
      ['?access_token=', 'GET /me?access_token=abc123&page=2', 'abc123', 'access_token=***&page=2'],
      ['refresh_token=', 'refresh_token=abc123 expired', 'abc123', 'refresh_token=*** expired'],
      ['aws_secret_access_key=', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG', 'wJalr', 'key=***'],
      ['JSON "db_password"', '{"db_password":"hunter2"}', 'hunter2', '{"db_password":"***"}'],
      [
        'JSON "dbPassword"',
        '{"dbPassword":"hunter2","user":"bob"}',
        'hunter2',
        '"dbPassword":"***"',
      ],
      ['JSON value with an escaped quote', '{"password":"hun\\"ter2"}', 'ter2', '"password":"***"'],
      ['x-api-key:', 'x-api-key: abc123', 'abc123', 'x-api-key: ***'],
      ['Set-Cookie:', 'Set-Cookie: sid=abc123; Path=/', 'abc123', 'Set-Cookie: ***; Path=/'],
      ['session_id=', 'session_id=abc123', 'abc123', 'session_id=***'],
      ['passphrase=', 'passphrase=hunter2', 'hunter2', 'passphrase=***'],
      ['jwt=', 'jwt=abc123', 'abc123', 'jwt=***'],
      ['privateKey:', 'privateKey: abc123', 'abc123', 'privateKey: ***'],
    ])('%s', (_case, input, secret, expected) => {
      const output = redactSecrets(input);
      expect(output).not.toContain(secret);
      expect(output).toContain(expected);
    });
  });

  describe('removes the whole password of a URL, up to the last @', () => {
    it.each([
      ['a slash', 'postgres://user:Pa/ss777@db/x', ['Pa/ss777', 'ss777', 'user']],
      ['a hash', 'postgres://user:Pa#ss777@db/x', ['ss777', 'user']],
      ['a question mark', 'postgres://user:Pa?ss777@db/x', ['ss777', 'user']],
      ['an @', 'postgres://user:Pa@ss777@db/x', ['ss777', 'user']],
      ['all of them, quoted', '"mysql://root:a/b#c?d@e@db:3306/x"', ['root', 'a/b', 'c?d', 'e@']],
    ])('%s', (_case, input, secrets) => {
      const output = redactSecrets(input);
      expect(output).toContain('://***@[host]');
      for (const secret of secrets) expect(output).not.toContain(secret);
    });
  });

  describe('removes secrets recognised by their shape', () => {
    it.each([
      [
        'a bare JWT',
        'rejected eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl today',
        'eyJzdWIiOiIxIn0',
        'rejected *** today',
      ],
      [
        'an AWS access key id',
        'denied for AKIAIOSFODNN7EXAMPLE',
        'AKIAIOSFODNN7EXAMPLE',
        'for ***',
      ],
      [
        'a PEM private key',
        'bad key -----BEGIN RSA PRIVATE KEY-----\nMIIEs3cr3t\n-----END RSA PRIVATE KEY----- end',
        'MIIEs3cr3t',
        'bad key [private key] end',
      ],
      [
        'a PEM private key cut short by the text limit',
        `bad key -----BEGIN PRIVATE KEY-----\nMIIE${'s3cr3t'.repeat(1_000)}`,
        's3cr3t',
        'bad key [private key]',
      ],
      ['token <value>', 'invalid token abc123def', 'abc123def', 'invalid token ***'],
      ['apikey <value>', 'apikey abc123 rejected', 'abc123', 'apikey *** rejected'],
      ['api key <value>', 'API key abc123 rejected', 'abc123', 'API key *** rejected'],
      ['password is <value>', 'login failed: password is hunter2', 'hunter2', 'password is ***'],
      ['password: <value>', 'login failed, password: hunter2', 'hunter2', 'password: ***'],
    ])('%s', (_case, input, secret, expected) => {
      const output = redactSecrets(input);
      expect(output).not.toContain(secret);
      expect(output).toContain(expected);
    });
  });

  describe('keeps prose and keys that only look like secrets', () => {
    it.each([
      'passed: 3 failed: 1',
      'tokenizer: bpe',
      'author: bob',
      'token expired',
      'token is invalid',
      'no token provided',
      '0 tokens remaining',
      'jwt malformed',
      'password authentication failed for user "bob"',
      'password is not set',
    ])('%j', (input) => {
      expect(redactSecrets(input)).toBe(input);
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

  describe('removes addresses and host names without a port', () => {
    it.each([
      [
        'a full IPv6 address',
        'connect 2001:db8:85a3:0:0:8a2e:370:7334 refused',
        'connect [host] refused',
      ],
      [
        'a full IPv6 address with a port',
        'connect 2001:db8:85a3:0:0:8a2e:370:7334:5432 refused',
        'connect [host] refused',
      ],
      ['a three-label name', 'cannot reach db.prod.internal now', 'cannot reach [host] now'],
      ['a Kubernetes service', 'postgres.default.svc.cluster.local refused', '[host] refused'],
      ['a two-label internal name', 'redis.svc refused', '[host] refused'],
      ['a two-label public name', 'example.com answered 500', '[host] answered 500'],
      ['localhost', 'connect to localhost failed', 'connect to [host] failed'],
      ['an e-mail domain', 'sent to ops@alerts.example.com', 'sent to ops@[host]'],
      [
        'a TLS altname mismatch',
        "Hostname/IP does not match certificate's altnames: Host: db.prod.internal. is not in the cert's altnames: DNS:*.example.com",
        "Hostname/IP does not match certificate's altnames: Host: [host]. is not in the cert's altnames: DNS:*.[host]",
      ],
    ])('%s', (_case, input, expected) => {
      expect(redactSecrets(input)).toBe(expected);
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
      'took 1.5s, 0.25 of the budget',
      'node v20.20.2, schema 1.2.3',
      'failed in main.js loading schema.sql from app.module.ts',
      'heap used 10.0 MiB, above 5.0 MiB',
      'connect ECONNREFUSED',
      'at 2024-01-02T03:04:05.000Z',
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
