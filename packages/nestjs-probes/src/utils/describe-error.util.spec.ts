import { runInNewContext } from 'node:vm';
import { describeError, detailsOfError } from './describe-error.util';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

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
  ])('is undefined for %s', (_case, thrown) => {
    expect(detailsOfError(thrown)).toBeUndefined();
  });
});
