import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_ADMIN_ROLES,
  DEFAULT_PROBE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TTL_MS,
} from '../health.constants';
import { ASYNC_PATH_MISMATCH, INVALID_MODULE_OPTION } from '../health.messages';
import { HealthConfigurationError } from '../errors';
import {
  type HealthCheckRefresh,
  type HealthDetailsOptions,
  type HealthModuleOptions,
} from '../interfaces';
import {
  EXPECTED,
  isDuration,
  isPlainObject,
  isPositiveDuration,
  isRefreshMode,
} from './option-validators.util';

/** @internal What a role lookup answers; `HealthAdminGuard` vets it, since it comes from user code. */
export type RolesReading = ReturnType<NonNullable<HealthDetailsOptions['rolesOf']>>;

/** @internal */
export interface ResolvedHealthOptions {
  readonly path: string;
  readonly defaults: {
    readonly critical: boolean;
    readonly ttl: number;
    readonly timeout: number;
    readonly refresh: HealthCheckRefresh;
  };
  readonly details: {
    readonly roles: readonly string[];
    readonly rolesOf: (request: any) => RolesReading;
  };
  readonly probeTimeout: number;
  readonly shutdown: { readonly drainDelay: number };
  readonly version?: string;
}

const PATH_PATTERN = /^[\w\-.~:/]*$/;

/** @internal */
export const defaultRolesOf = (request: any): readonly string[] | undefined => {
  const user = request?.user;
  if (user === undefined || user === null) return undefined;
  return Array.isArray(user.roles) ? user.roles : [];
};

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
  if (given.path !== undefined && normalisePath(given.path) !== mountedPath) {
    throw new HealthConfigurationError(ASYNC_PATH_MISMATCH(mountedPath, given.path));
  }
  const defaults = given.defaults ?? {};
  expect(isPlainObject(defaults), 'defaults', EXPECTED.object, defaults);
  const details = given.details ?? {};
  expect(isPlainObject(details), 'details', EXPECTED.object, details);
  const shutdown = given.shutdown ?? {};
  expect(isPlainObject(shutdown), 'shutdown', EXPECTED.object, shutdown);
  const resolved: ResolvedHealthOptions = {
    path: mountedPath,
    defaults: {
      critical: defaults.critical ?? true,
      ttl: defaults.ttl ?? DEFAULT_TTL_MS,
      timeout: defaults.timeout ?? DEFAULT_TIMEOUT_MS,
      refresh: defaults.refresh ?? 'on-probe',
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

/**
 * `'/health/'` and `'health'` mount the same routes; validated here because `forRoot` runs before
 * anything else could report it.
 *
 * @internal
 */
export function normalisePath(path: unknown): string {
  if (typeof path !== 'string' || !PATH_PATTERN.test(path)) {
    throw new HealthConfigurationError(INVALID_MODULE_OPTION('path', EXPECTED.path, path));
  }
  return path.replace(/^\/+|\/+$/g, '');
}

function readAppVersion(): string | undefined {
  if (process.env.npm_package_version) return process.env.npm_package_version;
  try {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}
