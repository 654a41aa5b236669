import { HealthConfigurationError } from '../errors';
import { INVALID_MODULE_OPTION, PATH_GIVEN_TWICE } from '../health.messages';
import { type HealthModuleOptions } from '../interfaces';
import { EXPECTED, MAX_DURATION_MS } from './option.validators';
import { defaultRolesOf } from './default-roles-of';
import { resolveModuleOptions, resolveMountPath } from './module-options.resolver';

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(INVALID_MODULE_OPTION(option, expected, actual));

const OVERFLOWING = MAX_DURATION_MS + 1;

/** What an async factory could return although `path` is no option of its type. */
const withPath = (path: unknown) => ({ path }) as HealthModuleOptions;

describe('resolveModuleOptions', () => {
  it('fills every default', () => {
    const resolved = resolveModuleOptions(undefined);
    expect(resolved).toMatchObject({
      defaults: {
        critical: true,
        ttl: 5_000,
        timeout: 2_000,
        refresh: 'on-probe',
      },
      details: { roles: ['admin'], rolesOf: defaultRolesOf },
      probeTimeout: 3_000,
      shutdown: { drainDelay: 0 },
    });
  });

  it('treats empty options like no options', () => {
    expect(resolveModuleOptions({})).toEqual(resolveModuleOptions(undefined));
  });

  it('keeps the options it is given', () => {
    const rolesOf = () => ['ops'];
    expect(
      resolveModuleOptions({
        defaults: {
          critical: false,
          ttl: 0,
          timeout: 100,
          refresh: 'background',
          failureThreshold: 3,
          successThreshold: 2,
        },
        details: { roles: ['ops', 'sre'], rolesOf },
        probeTimeout: 1_000,
        shutdown: { drainDelay: 5_000 },
        version: '1.2.3',
        serviceId: 'orders-api',
        followGlobalPrefix: true,
        adminRateLimit: { perSecond: 2, burst: 4 },
      }),
    ).toEqual({
      defaults: {
        critical: false,
        ttl: 0,
        timeout: 100,
        refresh: 'background',
        failureThreshold: 3,
        successThreshold: 2,
      },
      details: { roles: ['ops', 'sre'], rolesOf },
      followGlobalPrefix: true,
      adminRateLimit: { perSecond: 2, burst: 4 },
      probeTimeout: 1_000,
      shutdown: { drainDelay: 5_000 },
      version: '1.2.3',
      serviceId: 'orders-api',
    });
  });

  it('accepts 2^31 - 1 ms, the longest a timer holds, for every duration', () => {
    const longest = MAX_DURATION_MS;
    expect(
      resolveModuleOptions({
        defaults: { ttl: longest, timeout: longest },
        probeTimeout: longest,
        shutdown: { drainDelay: longest },
      }),
    ).toMatchObject({
      defaults: { ttl: longest, timeout: longest },
      probeTimeout: longest,
      shutdown: { drainDelay: longest },
    });
  });

  it('drains for 0 ms by default', () => {
    expect(resolveModuleOptions({}).shutdown).toEqual({ drainDelay: 0 });
  });

  it('fills the defaults a partial object leaves out', () => {
    expect(resolveModuleOptions({ defaults: { ttl: 10 } }).defaults).toEqual({
      critical: true,
      ttl: 10,
      timeout: 2_000,
      refresh: 'on-probe',
      failureThreshold: 1,
      successThreshold: 1,
    });
  });

  it.each(['failureThreshold', 'successThreshold'])('rejects defaults.%s of 0', (field) => {
    expect(() => resolveModuleOptions({ defaults: { [field]: 0 } })).toThrow(
      invalid(`defaults.${field}`, EXPECTED.threshold, 0),
    );
  });

  it('takes the version from npm_package_version by default', () => {
    const saved = process.env.npm_package_version;
    process.env.npm_package_version = '9.8.7';
    try {
      expect(resolveModuleOptions({}).version).toBe('9.8.7');
    } finally {
      if (saved === undefined) delete process.env.npm_package_version;
      else process.env.npm_package_version = saved;
    }
  });

  it('takes the serviceId from npm_package_name by default, and the option over it', () => {
    const saved = process.env.npm_package_name;
    process.env.npm_package_name = 'monorepo-root';
    try {
      expect(resolveModuleOptions({}).serviceId).toBe('monorepo-root');
      expect(resolveModuleOptions({ serviceId: 'orders-api' }).serviceId).toBe('orders-api');
    } finally {
      if (saved === undefined) delete process.env.npm_package_name;
      else process.env.npm_package_name = saved;
    }
  });

  it('treats null like no options (a factory may return it)', () => {
    expect(resolveModuleOptions(null as unknown as HealthModuleOptions).defaults.ttl).toBe(5_000);
  });

  it('throws a HealthConfigurationError', () => {
    expect(() => resolveModuleOptions({ defaults: { ttl: -1 } })).toThrow(HealthConfigurationError);
  });

  it('resolves the rate limit of the admin routes, or none', () => {
    expect(resolveModuleOptions({}).adminRateLimit).toEqual({ perSecond: 5, burst: 10 });
    expect(resolveModuleOptions({ adminRateLimit: { burst: 3 } }).adminRateLimit).toEqual({
      perSecond: 5,
      burst: 3,
    });
    expect(resolveModuleOptions({ adminRateLimit: false }).adminRateLimit).toBe(false);
  });

  it.each<[string, unknown, string, string, unknown]>([
    ['a negative ttl', { defaults: { ttl: -1 } }, 'defaults.ttl', EXPECTED.duration, -1],
    ['a NaN ttl', { defaults: { ttl: NaN } }, 'defaults.ttl', EXPECTED.duration, NaN],
    [
      'an infinite ttl',
      { defaults: { ttl: Infinity } },
      'defaults.ttl',
      EXPECTED.duration,
      Infinity,
    ],
    ['a string ttl', { defaults: { ttl: '5000' } }, 'defaults.ttl', EXPECTED.duration, '5000'],
    [
      'a negative timeout',
      { defaults: { timeout: -1 } },
      'defaults.timeout',
      EXPECTED.positiveDuration,
      -1,
    ],
    [
      'a zero timeout',
      { defaults: { timeout: 0 } },
      'defaults.timeout',
      EXPECTED.positiveDuration,
      0,
    ],
    [
      'a NaN timeout',
      { defaults: { timeout: NaN } },
      'defaults.timeout',
      EXPECTED.positiveDuration,
      NaN,
    ],
    [
      'a string timeout',
      { defaults: { timeout: '2000' } },
      'defaults.timeout',
      EXPECTED.positiveDuration,
      '2000',
    ],
    [
      'a bad refresh',
      { defaults: { refresh: 'always' } },
      'defaults.refresh',
      EXPECTED.refresh,
      'always',
    ],
    [
      'a non-boolean critical',
      { defaults: { critical: 1 } },
      'defaults.critical',
      EXPECTED.boolean,
      1,
    ],
    ['non-object defaults', { defaults: 5 }, 'defaults', EXPECTED.object, 5],
    ['non-object details', { details: 'admin' }, 'details', EXPECTED.object, 'admin'],
    ['empty roles', { details: { roles: [] } }, 'details.roles', EXPECTED.roles, []],
    [
      'an empty role',
      { details: { roles: ['admin', ''] } },
      'details.roles',
      EXPECTED.roles,
      ['admin', ''],
    ],
    [
      'roles as a string',
      { details: { roles: 'admin' } },
      'details.roles',
      EXPECTED.roles,
      'admin',
    ],
    [
      'a non-function rolesOf',
      { details: { rolesOf: 'user.roles' } },
      'details.rolesOf',
      EXPECTED.function,
      'user.roles',
    ],
    ['a zero probeTimeout', { probeTimeout: 0 }, 'probeTimeout', EXPECTED.positiveDuration, 0],
    [
      'a negative drainDelay',
      { shutdown: { drainDelay: -1 } },
      'shutdown.drainDelay',
      EXPECTED.duration,
      -1,
    ],
    [
      'a ttl of 2^31 ms',
      { defaults: { ttl: OVERFLOWING } },
      'defaults.ttl',
      EXPECTED.duration,
      OVERFLOWING,
    ],
    [
      'a timeout of 2^31 ms',
      { defaults: { timeout: OVERFLOWING } },
      'defaults.timeout',
      EXPECTED.positiveDuration,
      OVERFLOWING,
    ],
    [
      'a probeTimeout of 2^31 ms',
      { probeTimeout: OVERFLOWING },
      'probeTimeout',
      EXPECTED.positiveDuration,
      OVERFLOWING,
    ],
    [
      'a drainDelay of 2^31 ms',
      { shutdown: { drainDelay: OVERFLOWING } },
      'shutdown.drainDelay',
      EXPECTED.duration,
      OVERFLOWING,
    ],
    [
      'an infinite drainDelay',
      { shutdown: { drainDelay: Infinity } },
      'shutdown.drainDelay',
      EXPECTED.duration,
      Infinity,
    ],
    ['a non-object shutdown', { shutdown: 5000 }, 'shutdown', EXPECTED.object, 5000],
    ['a non-string version', { version: 1 }, 'version', 'a string', 1],
    ['a non-string serviceId', { serviceId: 1 }, 'serviceId', 'a string', 1],
    ['non-object options (string)', 'health', '(options)', EXPECTED.object, 'health'],
    ['non-object options (array)', [], '(options)', EXPECTED.object, []],
    ['a number adminRateLimit', { adminRateLimit: 5 }, 'adminRateLimit', EXPECTED.rateLimit, 5],
    [
      'a zero rate',
      { adminRateLimit: { perSecond: 0 } },
      'adminRateLimit.perSecond',
      EXPECTED.rate,
      0,
    ],
    [
      'a string followGlobalPrefix',
      { followGlobalPrefix: 'yes' },
      'followGlobalPrefix',
      EXPECTED.boolean,
      'yes',
    ],
  ])('rejects %s', (_case, options, option, expected, actual) => {
    expect(() => resolveModuleOptions(options as HealthModuleOptions)).toThrow(
      invalid(option, expected, actual),
    );
  });
});

describe('resolveMountPath', () => {
  it("takes the extra, else the factory's path, else health", () => {
    expect(resolveMountPath('/ops/health/', {})).toBe('ops/health');
    expect(resolveMountPath(undefined, withPath('/status/'))).toBe('status');
    expect(resolveMountPath(undefined, undefined)).toBe('health');
    expect(resolveMountPath(undefined, null)).toBe('health');
  });

  it('accepts both when they agree once normalised', () => {
    expect(resolveMountPath('ops/health', withPath('/ops/health/'))).toBe('ops/health');
  });

  it('rejects both when they differ', () => {
    expect(() => resolveMountPath('health', withPath('status'))).toThrow(
      new HealthConfigurationError(PATH_GIVEN_TWICE('health', 'status')),
    );
  });

  it.each([
    ['my health', 'my health'],
    [42, 42],
  ])('rejects a factory path %p', (path, actual) => {
    expect(() => resolveMountPath(undefined, withPath(path))).toThrow(
      invalid('path', EXPECTED.path, actual),
    );
  });
});
