import { HealthConfigurationError } from '../errors';
import { type HealthCheckDefinition } from '../checks/health-check.definition';
import { INVALID_CHECK_OPTION, UNKNOWN_CHECK_OPTION } from '../health.messages';
import { type HealthCheckOptions, type ProbeKind } from '../interfaces';
import {
  EXPECTED,
  exceedsMaxDuration,
  HEALTH_CHECK_OPTION_KEYS,
  isDuration,
  isPlainObject,
  isPositiveDuration,
  isProbeKind,
  isRefreshMode,
  isRunThreshold,
  MAX_DURATION_MS,
} from './option.validators';
import { type ResolvedHealthOptions } from './resolved-health-options.interface';

const KNOWN_OPTIONS: ReadonlySet<string> = new Set(HEALTH_CHECK_OPTION_KEYS);

type Fail = (option: string, expected: string, actual: unknown) => never;

/** @internal */
export interface CheckSite {
  readonly className: string;
  readonly methodName: string;
  readonly invoke: (signal: AbortSignal) => unknown;
}

/**
 * Validates the options of one `@HealthCheck()` and fills them from the module defaults. Every
 * error names the class, the method and the option.
 *
 * @internal
 */
export function resolveCheckDefinition(
  raw: unknown,
  site: CheckSite,
  defaults: ResolvedHealthOptions['defaults'],
): HealthCheckDefinition {
  const fail: Fail = (option, expected, actual) => {
    throw new HealthConfigurationError(
      INVALID_CHECK_OPTION(site.className, site.methodName, option, expected, actual),
    );
  };
  if (!isPlainObject(raw)) return fail('(options)', EXPECTED.object, raw);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new HealthConfigurationError(
        UNKNOWN_CHECK_OPTION(site.className, site.methodName, key),
      );
    }
  }
  const options = raw as HealthCheckOptions;
  const name = options.name ?? `${site.className}.${site.methodName}`;
  if (typeof name !== 'string' || name.trim() === '') fail('name', EXPECTED.name, name);
  const critical = options.critical ?? defaults.critical;
  if (typeof critical !== 'boolean') fail('critical', EXPECTED.boolean, critical);
  const ttl = options.ttl ?? defaults.ttl;
  if (!isDuration(ttl)) fail('ttl', EXPECTED.duration, ttl);
  const timeout = options.timeout ?? defaults.timeout;
  if (!isPositiveDuration(timeout)) fail('timeout', EXPECTED.positiveDuration, timeout);
  const probes = resolveProbes(options.probe, fail);
  const refresh = options.refresh ?? defaults.refresh;
  if (!isRefreshMode(refresh)) fail('refresh', EXPECTED.refresh, refresh);
  if (refresh === 'background' && ttl === 0) {
    fail('ttl', `> 0 with refresh: 'background' (it is the refresh period)`, ttl);
  }
  const staleAfter = resolveStaleAfter(options.staleAfter, ttl, timeout, fail);
  const failureThreshold = options.failureThreshold ?? defaults.failureThreshold;
  if (!isRunThreshold(failureThreshold)) {
    fail('failureThreshold', EXPECTED.threshold, failureThreshold);
  }
  const successThreshold = options.successThreshold ?? defaults.successThreshold;
  if (!isRunThreshold(successThreshold)) {
    fail('successThreshold', EXPECTED.threshold, successThreshold);
  }
  return {
    name,
    owner: `${site.className}.${site.methodName}`,
    critical,
    ttl,
    timeout,
    probes,
    refresh,
    staleAfter,
    failureThreshold,
    successThreshold,
    invoke: site.invoke,
  };
}

function resolveStaleAfter(given: unknown, ttl: number, timeout: number, fail: Fail): number {
  // Only ever compared with a result's age: a default past the maximum is capped rather than
  // blamed on an option nobody wrote (ttl is at most the maximum, so the cap stays >= ttl).
  const staleAfter = given ?? Math.min(2 * ttl + timeout, MAX_DURATION_MS);
  if (exceedsMaxDuration(staleAfter)) fail('staleAfter', EXPECTED.duration, staleAfter);
  if (!isDuration(staleAfter) || staleAfter < ttl) {
    fail('staleAfter', `a number of milliseconds >= ttl (${ttl})`, staleAfter);
  }
  return staleAfter as number;
}

function resolveProbes(probe: unknown, fail: Fail): readonly ProbeKind[] {
  if (probe === undefined) return ['readiness'];
  const kinds = Array.isArray(probe) ? probe : [probe];
  if (kinds.length === 0 || !kinds.every(isProbeKind)) fail('probe', EXPECTED.probe, probe);
  return [...new Set(kinds as ProbeKind[])];
}
