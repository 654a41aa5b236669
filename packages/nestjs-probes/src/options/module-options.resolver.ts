import {
  DEFAULT_ADMIN_RATE,
  DEFAULT_ADMIN_ROLES,
  DEFAULT_PATH,
  DEFAULT_PROBE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TTL_MS,
} from '../health.constants';
import { PATH_GIVEN_TWICE, INVALID_MODULE_OPTION } from '../health.messages';
import { HealthConfigurationError } from '../errors';
import { type HealthModuleOptions } from '../interfaces';
import { readAppName, readAppVersion } from './app-version.reader';
import { defaultRolesOf } from './default-roles-of';
import { normalisePath } from './mount-path';
import {
  EXPECTED,
  isDuration,
  isPlainObject,
  isPositiveDuration,
  isRate,
  isRefreshMode,
  isRunThreshold,
} from './option.validators';
import { type ResolvedHealthOptions } from './resolved-health-options.interface';

/**
 * The single place where module defaults are merged, and where module options are validated.
 *
 * @internal
 */
export function resolveModuleOptions(
  options: HealthModuleOptions | undefined,
): ResolvedHealthOptions {
  const given = options ?? {};
  expect(isPlainObject(given), '(options)', EXPECTED.object, given);
  const adminRateLimit = given.adminRateLimit ?? {};
  expect(
    adminRateLimit === false || isPlainObject(adminRateLimit),
    'adminRateLimit',
    EXPECTED.rateLimit,
    adminRateLimit,
  );
  const defaults = given.defaults ?? {};
  expect(isPlainObject(defaults), 'defaults', EXPECTED.object, defaults);
  const details = given.details ?? {};
  expect(isPlainObject(details), 'details', EXPECTED.object, details);
  const shutdown = given.shutdown ?? {};
  expect(isPlainObject(shutdown), 'shutdown', EXPECTED.object, shutdown);
  const resolved: ResolvedHealthOptions = {
    defaults: {
      critical: defaults.critical ?? true,
      ttl: defaults.ttl ?? DEFAULT_TTL_MS,
      timeout: defaults.timeout ?? DEFAULT_TIMEOUT_MS,
      refresh: defaults.refresh ?? 'on-probe',
      failureThreshold: defaults.failureThreshold ?? 1,
      successThreshold: defaults.successThreshold ?? 1,
    },
    details: {
      roles: details.roles ?? DEFAULT_ADMIN_ROLES,
      rolesOf: details.rolesOf ?? defaultRolesOf,
    },
    probeTimeout: given.probeTimeout ?? DEFAULT_PROBE_TIMEOUT_MS,
    followGlobalPrefix: given.followGlobalPrefix ?? false,
    adminRateLimit: adminRateLimit && {
      perSecond: adminRateLimit.perSecond ?? DEFAULT_ADMIN_RATE.perSecond,
      burst: adminRateLimit.burst ?? DEFAULT_ADMIN_RATE.burst,
    },
    shutdown: { drainDelay: shutdown.drainDelay ?? 0 },
    version: given.version ?? readAppVersion(),
    serviceId: given.serviceId ?? readAppName(),
  };
  validate(resolved);
  return resolved;
}

/**
 * The path routes are mounted on: given next to the factory or returned by it; both only when they
 * agree.
 *
 * @internal
 */
export function resolveMountPath(extra: string | undefined, options: unknown): string {
  const fromOptions = isPlainObject(options) ? options.path : undefined;
  if (extra === undefined) return normalisePath(fromOptions ?? DEFAULT_PATH);
  const path = normalisePath(extra);
  if (fromOptions !== undefined && normalisePath(fromOptions) !== path) {
    throw new HealthConfigurationError(PATH_GIVEN_TWICE(path, fromOptions));
  }
  return path;
}

function validate(resolved: ResolvedHealthOptions): void {
  const { defaults, details, probeTimeout, shutdown, version, serviceId, adminRateLimit } =
    resolved;
  expect(
    typeof resolved.followGlobalPrefix === 'boolean',
    'followGlobalPrefix',
    EXPECTED.boolean,
    resolved.followGlobalPrefix,
  );
  if (adminRateLimit) {
    const { perSecond, burst } = adminRateLimit;
    expect(isRate(perSecond), 'adminRateLimit.perSecond', EXPECTED.rate, perSecond);
    expect(isRate(burst), 'adminRateLimit.burst', EXPECTED.rate, burst);
  }
  expect(
    typeof defaults.critical === 'boolean',
    'defaults.critical',
    EXPECTED.boolean,
    defaults.critical,
  );
  expect(isDuration(defaults.ttl), 'defaults.ttl', EXPECTED.duration, defaults.ttl);
  expect(
    isPositiveDuration(defaults.timeout),
    'defaults.timeout',
    EXPECTED.positiveDuration,
    defaults.timeout,
  );
  expect(isRefreshMode(defaults.refresh), 'defaults.refresh', EXPECTED.refresh, defaults.refresh);
  for (const field of ['failureThreshold', 'successThreshold'] as const) {
    const value = defaults[field];
    expect(isRunThreshold(value), `defaults.${field}`, EXPECTED.threshold, value);
  }
  const rolesValid =
    Array.isArray(details.roles) &&
    details.roles.length > 0 &&
    details.roles.every((role) => typeof role === 'string' && role.length > 0);
  expect(rolesValid, 'details.roles', EXPECTED.roles, details.roles);
  expect(
    typeof details.rolesOf === 'function',
    'details.rolesOf',
    EXPECTED.function,
    details.rolesOf,
  );
  expect(isPositiveDuration(probeTimeout), 'probeTimeout', EXPECTED.positiveDuration, probeTimeout);
  expect(
    isDuration(shutdown.drainDelay),
    'shutdown.drainDelay',
    EXPECTED.duration,
    shutdown.drainDelay,
  );
  expect(version === undefined || typeof version === 'string', 'version', 'a string', version);
  expect(
    serviceId === undefined || typeof serviceId === 'string',
    'serviceId',
    'a string',
    serviceId,
  );
}

function expect(condition: boolean, option: string, expected: string, actual: unknown): void {
  if (!condition)
    throw new HealthConfigurationError(INVALID_MODULE_OPTION(option, expected, actual));
}
