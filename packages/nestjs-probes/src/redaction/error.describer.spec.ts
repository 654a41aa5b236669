import { runInNewContext } from 'node:vm';
import { describeError, detailsOfError, UNDESCRIBABLE_FAILURE } from './error.describer';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('describeError', () => {
  it('reads an Error from another realm as an Error, not as a thrown object', () => {
    const foreign = runInNewContext(
      'Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED", port: 5432 })',
    );
    expect(foreign instanceof Error).toBe(false);
    expect(describeError(foreign)).toBe(
      describeError(
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
      ),
    );
    expect(describeError(foreign)).not.toMatch(/non-Error|5432/);
  });

  it('returns the message of an Error', () => {
    expect(describeError(new Error('pool closed'))).toBe('pool closed');
  });

  it('prefixes the code when the message does not name it', () => {
    expect(describeError(withCode('connection refused', 'ECONNREFUSED'))).toBe(
      'ECONNREFUSED: connection refused',
    );
  });

  it('does not repeat a code the message already names', () => {
    expect(describeError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(
      'connect ECONNREFUSED [host]',
    );
  });

  it('ignores a non-string code', () => {
    expect(describeError(Object.assign(new Error('failed'), { code: 42 }))).toBe('failed');
  });

  it('redacts the message', () => {
    const text = describeError(new Error('auth failed for postgres://app:hunter2@db.internal/app'));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('db.internal');
  });

  it('falls back to the error name when there is no message', () => {
    expect(describeError(new TypeError())).toBe('TypeError');
  });

  it('lists the inner messages of an AggregateError with an empty message, redacted', () => {
    // What pg throws when localhost resolves to both ::1 and 127.0.0.1 and both refuse.
    const error = Object.assign(
      new AggregateError([
        withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
        withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      ]),
      { code: 'ECONNREFUSED' },
    );
    const text = describeError(error);
    expect(text).toBe('connect ECONNREFUSED [host]');
    expect(text).not.toMatch(/::1|127\.0\.0\.1/);
  });

  it('joins distinct inner messages of an AggregateError', () => {
    const error = new AggregateError([new Error('first failed'), 'second failed']);
    expect(describeError(error)).toBe('first failed; second failed');
  });

  it('keeps the own message of an AggregateError that has one', () => {
    expect(describeError(new AggregateError([new Error('inner')], 'all failed'))).toBe(
      'all failed',
    );
  });

  describe('the code', () => {
    it.each(['ECONNREFUSED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'HEALTH_ERR_TIMEOUT', '28P01'])(
      'shows %p, which looks like an error code',
      (code) => {
        expect(describeError(withCode('auth failed', code))).toBe(`${code}: auth failed`);
      },
    );

    it.each(['hunter2', 's3cr3t-t0ken', 'postgres://u:hunter2@db/x', 'Abc def', 'x'.repeat(80)])(
      'drops %p, which does not',
      (code) => {
        expect(describeError(withCode('auth failed', code))).toBe('auth failed');
      },
    );
  });

  describe('non-Error throws', () => {
    it('uses a thrown string as is, redacted', () => {
      expect(describeError('no connection')).toBe('no connection');
      expect(describeError('password=hunter2')).toBe('password=***');
    });

    it.each([
      [42, 'non-Error thrown: 42'],
      [undefined, 'non-Error thrown: undefined'],
      [null, 'non-Error thrown: null'],
      [false, 'non-Error thrown: false'],
    ])('describes %p', (thrown, expected) => {
      expect(describeError(thrown)).toBe(expected);
    });

    it('serialises a plain object, redacted', () => {
      expect(describeError({ reason: 'down', token: 'abc' })).toBe(
        'non-Error thrown: {"reason":"down","token":"***"}',
      );
    });

    it('survives a cyclic object', () => {
      const thrown: Record<string, unknown> = { reason: 'down' };
      thrown.self = thrown;
      expect(describeError(thrown)).toBe('non-Error thrown: an unserialisable object');
    });

    it('survives a BigInt inside an object', () => {
      expect(describeError({ n: 1n })).toBe('non-Error thrown: an unserialisable object');
    });

    it.each([
      ['a camelCase prefixed key', { reason: 'down', dbPassword: 'hunter2' }, '"dbPassword":"***"'],
      ['an env-style key', { DB_PASSWORD: 'hunter2' }, '"DB_PASSWORD":"***"'],
      [
        'an object under a secret-named key',
        { password: { value: 'hunter2' } },
        '"password":"***"',
      ],
      ['a nested secret', { db: { client_secret: 'hunter2' } }, '"client_secret":"***"'],
    ])('masks the secret-named fields of a thrown object: %s', (_case, thrown, expected) => {
      const text = describeError(thrown);
      expect(text).not.toContain('hunter2');
      expect(text).toContain(expected);
    });

    it('writes a Buffer inside a thrown object as its size', () => {
      expect(describeError({ payload: Buffer.alloc(4 * 1024 * 1024) })).toBe(
        'non-Error thrown: {"payload":"[binary 4194304 bytes]"}',
      );
    });

    it('describes a thrown function without its source', () => {
      expect(describeError(() => 'password=hunter2')).toBe('non-Error thrown: a function');
    });
  });
});

describe('describeError is total', () => {
  const thrower = (what: string) => () => {
    throw new Error(`${what} exploded`);
  };
  const withThrowingGetter = (error: Error, key: string) =>
    Object.defineProperty(error, key, { get: thrower(key), configurable: true });
  const selfListing = new AggregateError([]);
  (selfListing as { errors: unknown[] }).errors = [selfListing, selfListing];

  it.each<[string, unknown, string]>([
    [
      'a Proxy whose every trap throws',
      new Proxy(new Error('x'), {
        getPrototypeOf: thrower('getPrototypeOf'),
        get: thrower('get'),
        has: thrower('has'),
        ownKeys: thrower('ownKeys'),
        getOwnPropertyDescriptor: thrower('getOwnPropertyDescriptor'),
      }),
      UNDESCRIBABLE_FAILURE,
    ],
    [
      'a Proxy whose get trap throws',
      new Proxy({}, { get: thrower('get') }),
      'non-Error thrown: an unserialisable object',
    ],
    [
      'a Proxy whose ownKeys trap throws',
      new Proxy({}, { ownKeys: thrower('ownKeys') }),
      'non-Error thrown: an unserialisable object',
    ],
    [
      'a Proxy whose has trap throws',
      new Proxy({ a: 1 }, { has: thrower('has') }),
      'non-Error thrown: {"a":1}',
    ],
    ['a revoked Proxy', revokedProxy(), UNDESCRIBABLE_FAILURE],
    [
      'an Error whose message getter throws',
      withThrowingGetter(new TypeError(), 'message'),
      'TypeError',
    ],
    ['an Error whose name getter throws', withThrowingGetter(new Error(''), 'name'), 'Error'],
    [
      'an Error whose code getter throws',
      withThrowingGetter(new Error('refused'), 'code'),
      'refused',
    ],
    [
      'an AggregateError whose errors getter throws',
      withThrowingGetter(new AggregateError([]), 'errors'),
      'AggregateError',
    ],
    [
      'an Error whose causes getter throws',
      withThrowingGetter(new Error('down'), 'causes'),
      'down',
    ],
    ['an AggregateError that lists itself', selfListing, 'AggregateError'],
    [
      'an object with a null prototype',
      Object.assign(Object.create(null), { a: 1 }),
      'non-Error thrown: {"a":1}',
    ],
    [
      'an object whose toString and Symbol.toPrimitive throw',
      { toString: thrower('toString'), [Symbol.toPrimitive]: thrower('toPrimitive') },
      'non-Error thrown: {}',
    ],
    [
      'an object whose toJSON throws',
      { toJSON: thrower('toJSON') },
      'non-Error thrown: an unserialisable object',
    ],
    ['a Symbol', Symbol('why'), 'non-Error thrown: Symbol(why)'],
    ['a BigInt', 12n, 'non-Error thrown: 12'],
  ])('%s', (_case, thrown, expected) => {
    expect(describeError(thrown)).toBe(expected);
  });

  it('describes at most ten inner errors of an AggregateError', () => {
    const inner = Array.from({ length: 10_000 }, (_, i) => new Error(`replica ${i} refused`));
    const text = describeError(new AggregateError(inner));
    expect(text).toContain('replica 9 refused');
    expect(text).not.toContain('replica 10 refused');
  });
});

describe('detailsOfError', () => {
  it('reads the causes of a terminus HealthCheckError', () => {
    const causes = { db: { status: 'down', message: 'refused' } };
    const error = Object.assign(new Error('Health check failed'), { causes });
    expect(detailsOfError(error)).toBe(causes);
  });

  it.each([
    ['an Error without causes', new Error('x')],
    ['non-object causes', Object.assign(new Error('x'), { causes: 'db' })],
    ['null causes', Object.assign(new Error('x'), { causes: null })],
    ['undefined', undefined],
    ['null', null],
    ['a string', 'boom'],
    [
      'an Error whose causes getter throws',
      Object.defineProperty(new Error('x'), 'causes', {
        get: () => {
          throw new Error('boom');
        },
      }),
    ],
    [
      'a Proxy whose get trap throws',
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('boom');
          },
        },
      ),
    ],
    ['a revoked Proxy', revokedProxy()],
  ])('is undefined for %s', (_case, thrown) => {
    expect(detailsOfError(thrown)).toBeUndefined();
  });
});
