import { validateEnvironment } from './environment';

/** Every integer variable with its bounds and default. */
const INTEGERS: ReadonlyArray<[name: string, min: number, max: number, fallback: number]> = [
  ['PORT', 0, 65_535, 3_000],
  ['DATABASE_POOL_SIZE', 1, 100, 10],
  ['DATABASE_RETRY_ATTEMPTS', 0, 100, 5],
  ['DATABASE_STATEMENT_TIMEOUT_MS', 1, 600_000, 5_000],
  ['REDIS_COMMAND_TIMEOUT_MS', 1, 10_000, 200],
  ['CACHE_TTL_SECONDS', 1, 86_400, 60],
  ['HEALTH_TTL_MS', 0, 60_000, 2_000],
  ['PROBE_TIMEOUT_MS', 1, 60_000, 2_000],
  ['SHUTDOWN_DRAIN_MS', 0, 120_000, 0],
];

/** The message `validateEnvironment` throws with, or fails the test when it does not throw. */
function errorOf(raw: Record<string, unknown>): string {
  try {
    validateEnvironment(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('validateEnvironment', () => {
  it('fills every default from an empty environment, without backends', () => {
    expect(validateEnvironment({})).toEqual({
      HOST: '127.0.0.1',
      ...Object.fromEntries(INTEGERS.map(([name, , , fallback]) => [name, fallback])),
    });
  });

  it('treats empty and blank values as unset', () => {
    const blank = Object.fromEntries(
      [...INTEGERS.map(([name]) => name), 'HOST', 'DATABASE_URL', 'REDIS_URL'].map((name, i) => [
        name,
        i % 2 ? '' : '  ',
      ]),
    );
    expect(validateEnvironment(blank)).toEqual(validateEnvironment({}));
  });

  it('reads integers from their text, trims HOST and keeps the URLs', () => {
    const env = validateEnvironment({
      PORT: ' 8080 ',
      HOST: ' 0.0.0.0 ',
      DATABASE_POOL_SIZE: '3',
      DATABASE_URL: 'postgresql://app:pw@db:5432/orders',
      REDIS_URL: 'rediss://cache:6380',
      UNRELATED: 'kept out',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATABASE_POOL_SIZE: 3,
      DATABASE_URL: 'postgresql://app:pw@db:5432/orders',
      REDIS_URL: 'rediss://cache:6380',
    });
    expect(env).not.toHaveProperty('UNRELATED');
  });

  describe.each(INTEGERS)('%s', (name, min, max) => {
    it(`accepts ${min} and ${max}`, () => {
      expect(validateEnvironment({ [name]: String(min) })).toHaveProperty(name, min);
      expect(validateEnvironment({ [name]: String(max) })).toHaveProperty(name, max);
    });

    it.each([String(min - 1), String(max + 1)])('rejects %s, naming the bounds', (value) => {
      expect(errorOf({ [name]: value })).toBe(
        `Invalid environment: ${name} must be an integer from ${min} to ${max} (got "${value}")`,
      );
    });
  });

  it.each(['abc', '1.5', '12abc', 'true', '--1'])(
    'rejects the non-integer "%s", named',
    (value) => {
      expect(errorOf({ DATABASE_POOL_SIZE: value })).toBe(
        `Invalid environment: DATABASE_POOL_SIZE must be an integer from 1 to 100 (got "${value}")`,
      );
    },
  );

  it.each([
    ['DATABASE_URL', 'mysql://app:s3cr3t-pw@db:3306/orders', 'postgres:// or postgresql://'],
    ['DATABASE_URL', 'app:s3cr3t-pw@db/orders', 'postgres:// or postgresql://'],
    ['REDIS_URL', 'http://:s3cr3t-pw@cache:6379', 'redis:// or rediss://'],
    ['REDIS_URL', 'cache:6379?password=s3cr3t-pw', 'redis:// or rediss://'],
  ])('rejects %s=%s, naming the variable but never echoing the value', (name, value, allowed) => {
    const message = errorOf({ [name]: value });
    expect(message).toBe(`Invalid environment: ${name} must be a URL starting with ${allowed}`);
    expect(message).not.toContain('s3cr3t-pw');
  });

  it('reports every error at once', () => {
    const message = errorOf({
      PORT: 'http',
      CACHE_TTL_SECONDS: '0',
      DATABASE_URL: 'mysql://root:s3cr3t-pw@db/orders',
      REDIS_URL: 'memcached://cache',
    });
    expect(message).toBe(
      'Invalid environment: ' +
        [
          'PORT must be an integer from 0 to 65535 (got "http")',
          'CACHE_TTL_SECONDS must be an integer from 1 to 86400 (got "0")',
          'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
          'REDIS_URL must be a URL starting with redis:// or rediss://',
        ].join('; '),
    );
    expect(message).not.toContain('s3cr3t-pw');
  });
});
