import { redactDetails, secretMaskingReplacer } from './details.redactor';

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

  describe('masks the whole value of a secret-named field', () => {
    it.each([
      ['an object', 'password', { value: 'hunter2' }],
      ['a boxed string', 'password', new String('hunter2')],
      ['a Buffer', 'password', Buffer.from('hunter2')],
      ['a Map', 'token', new Map([['value', 'hunter2']])],
      ['a prefixed camelCase key', 'dbPassword', { value: 'hunter2' }],
      ['a prefixed env-style key', 'DB_PASSWORD', 'hunter2'],
      ['a glued prefix', 'PGPASSWORD', 'hunter2'],
      ['passphrase', 'passphrase', 'hunter2'],
      ['private_key', 'private_key', 'hunter2'],
      ['privateKey', 'privateKey', 'hunter2'],
      ['an x-api-key header', 'x-api-key', 'hunter2'],
      ['a set-cookie header', 'set-cookie', ['sid=hunter2']],
      ['jwt', 'jwt', 'hunter2'],
      ['client_secret', 'client_secret', 'hunter2'],
      ['a session id', 'sessionId', 'hunter2'],
    ])('%s', (_case, key, value) => {
      const output = redactDetails({ [key]: value, user: 'bob' });
      expect(output).toEqual({ [key]: '***', user: 'bob' });
    });

    it('masks a header map inside the details', () => {
      expect(
        redactDetails({
          headers: { 'x-api-key': 'abc', Authorization: 'Basic abc', accept: '*/*' },
        }),
      ).toEqual({ headers: { 'x-api-key': '***', Authorization: '***', accept: '*/*' } });
    });

    it('masks a secret-named field without running its getter', () => {
      const getter = jest.fn(() => 'hunter2');
      const details = Object.defineProperty({}, 'password', { get: getter, enumerable: true });
      expect(redactDetails(details)).toEqual({ password: '***' });
      expect(getter).not.toHaveBeenCalled();
    });

    it('keeps fields whose names only contain a secret word in passing', () => {
      expect(redactDetails({ passed: 3, author: 'bob', tokenizerName: 'bpe' })).toEqual({
        passed: 3,
        author: 'bob',
        tokenizerName: '***',
      });
    });
  });

  describe('summarises what it should not walk', () => {
    it.each([
      ['a Buffer', Buffer.from('hunter2'), '[binary 7 bytes]'],
      ['a Uint8Array', new Uint8Array(3), '[binary 3 bytes]'],
      ['a Float64Array', new Float64Array(2), '[binary 16 bytes]'],
      ['an ArrayBuffer', new ArrayBuffer(5), '[binary 5 bytes]'],
      ['a SharedArrayBuffer', new SharedArrayBuffer(6), '[binary 6 bytes]'],
      ['a DataView', new DataView(new ArrayBuffer(4)), '[binary 4 bytes]'],
      ['a boxed string, redacted', new String('token=abc'), 'token=***'],
      ['a boxed number', new Number(3), 3],
      ['a boxed boolean', new Boolean(false), false],
      ['an invalid Date', new Date(Number.NaN), 'Invalid Date'],
    ])('%s', (_case, value, expected) => {
      expect(redactDetails({ value })).toEqual({ value: expected });
    });

    it('copies a Map as an object, masking its secret-named keys', () => {
      const map = new Map<unknown, unknown>([
        ['password', 'hunter2'],
        ['url', 'redis://:hunter2@cache:6379'],
        [{ id: 1 }, 'object key'],
      ]);
      expect(redactDetails({ map })).toEqual({
        map: { password: '***', url: 'redis://***@[host]:6379', '[key 2]': 'object key' },
      });
    });

    it('copies a Set as an array, redacting its items', () => {
      expect(redactDetails({ set: new Set(['token=abc', 2]) })).toEqual({ set: ['token=***', 2] });
    });

    it('keeps a __proto__ key as data', () => {
      const output = redactDetails(JSON.parse('{"__proto__":{"polluted":true}}') as object);
      expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
      expect(Object.keys(output)).toEqual(['__proto__']);
    });
  });

  describe('never throws on a hostile value', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostileTraps = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('ownKeys');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf');
        },
      },
    );

    it.each([
      [
        'a throwing getter',
        Object.defineProperty({ size: 1 }, 'pool', {
          get: () => {
            throw new Error('boom');
          },
          enumerable: true,
        }),
        { size: 1, pool: '[unreadable]' },
      ],
      ['a revoked Proxy', { pool: revoked.proxy }, { pool: '[unreadable]' }],
      ['a Proxy whose traps throw', { pool: hostileTraps }, { pool: '[unreadable]' }],
      [
        'an Error whose message getter throws',
        {
          last: Object.defineProperty(new Error('x'), 'message', {
            get: () => {
              throw new Error('boom');
            },
          }),
        },
        { last: '[unreadable]' },
      ],
    ])('%s', (_case, details, expected) => {
      expect(redactDetails(details)).toEqual(expected);
    });

    it('answers a marker for a revoked Proxy given as the details themselves', () => {
      expect(redactDetails(revoked.proxy)).toEqual({ value: '[unreadable]' });
    });
  });

  describe('bounds the work and the output (no timing: the output proves the bound)', () => {
    it('writes a 4 MiB Buffer as its size', () => {
      const output = redactDetails({ payload: Buffer.alloc(4 * 1024 * 1024) });
      expect(output).toEqual({ payload: '[binary 4194304 bytes]' });
    });

    it('keeps 50 of 100,000 keys and says how many were left out', () => {
      const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
      const output = redactDetails(wide);
      expect(Object.keys(output)).toHaveLength(51);
      expect(output['[more]']).toBe('99950 more keys');
      expect(JSON.stringify(output).length).toBeLessThan(2_000);
    });

    it('keeps 50 of 100,000 items and says how many were left out', () => {
      const output = redactDetails({ rows: Array.from({ length: 100_000 }, (_, i) => i) });
      const rows = output.rows as unknown[];
      expect(rows).toHaveLength(51);
      expect(rows[50]).toBe('[99950 more items]');
    });

    it('stops after a total budget of values, however wide and deep', () => {
      const grow = (level: number): unknown =>
        level === 0
          ? 'token=abc'
          : Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, grow(level - 1)]));
      // 125,000 distinct leaves.
      const text = JSON.stringify(redactDetails(grow(3) as object));
      const leaves = text.match(/token=\*\*\*/g) ?? [];
      expect(leaves.length).toBeLessThan(1_000);
      expect(text).toContain('[truncated]');
      expect(text.length).toBeLessThan(100_000);
    });

    it('still shows an object referenced twice (not a cycle) both times', () => {
      const shared = { size: 1 };
      expect(redactDetails({ a: shared, b: shared })).toEqual({ a: { size: 1 }, b: { size: 1 } });
    });
  });
});

describe('secretMaskingReplacer', () => {
  const stringify = (value: unknown) => JSON.stringify(value, secretMaskingReplacer());

  it('masks secret-named fields whole and summarises binary values', () => {
    expect(
      stringify({
        dbPassword: { value: 'hunter2' },
        user: 'bob',
        payload: Buffer.alloc(4 * 1024 * 1024),
        bytes: new Uint8Array(2),
      }),
    ).toBe(
      '{"dbPassword":"***","user":"bob","payload":"[binary 4194304 bytes]","bytes":"[binary 2 bytes]"}',
    );
  });

  it('follows a credentials object to mask its secret fields', () => {
    expect(stringify({ credentials: { user: 'bob', password: 'hunter2' } })).toBe(
      '{"credentials":{"user":"bob","password":"***"}}',
    );
  });

  it('drops what is past its budget of values', () => {
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    expect(stringify(wide).length).toBeLessThan(20_000);
  });

  it('leaves a cycle to throw, as JSON.stringify does', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stringify(cyclic)).toThrow(TypeError);
  });
});
