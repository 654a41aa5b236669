import {
  DEFAULT_ADMIN_ROLES,
  DEFAULT_PROBE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TTL_MS,
} from '../health.constants';
import { ASYNC_PATH_MISMATCH, INVALID_MODULE_OPTION } from '../health.messages';
import { HealthConfigurationError } from '../errors';
import { type HealthModuleOptions } from '../interfaces';
import { readAppVersion } from './app-version.reader';
import { defaultRolesOf } from './default-roles-of';
import { normalisePath } from './mount-path';
import {
  EXPECTED,
  isDuration,
  isPlainObject,
  isPositiveDuration,
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
  mountedPath: string,
): ResolvedHealthOptions {
  const given = options ?? {};
  expect(isPlainObject(given), '(options)', EXPECTED.object, given);
  // Only an async factory can get `path` here: forRoot's extras never reach the options.
  const { path } = given as { path?: unknown };
  if (path !== undefined && normalisePath(path) !== mountedPath) {
    throw new HealthConfigurationError(ASYNC_PATH_MISMATCH(mountedPath, path));
  }
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
    shutdown: { drainDelay: shutdown.drainDelay ?? 0 },
    version: given.version ?? readAppVersion(),
  };
  validate(resolved);
  return resolved;
}

function validate(resolved: ResolvedHealthOptions): void {
  const { defaults, details, probeTimeout, shutdown, version } = resolved;
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
}

function expect(condition: boolean, option: string, expected: string, actual: unknown): void {
  if (!condition)
    throw new HealthConfigurationError(INVALID_MODULE_OPTION(option, expected, actual));
}
