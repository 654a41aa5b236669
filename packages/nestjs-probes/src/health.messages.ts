import { HEALTH_CHECK_OPTION_KEYS } from './options/option.validators';

/** @internal */
export const describeValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  return String(value);
};

/** @internal */
export const INVALID_CHECK_OPTION = (
  className: string,
  methodName: string,
  option: string,
  expected: string,
  actual: unknown,
) =>
  `@HealthCheck() on ${className}.${methodName}: option "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const UNKNOWN_CHECK_OPTION = (className: string, methodName: string, option: string) =>
  `@HealthCheck() on ${className}.${methodName}: unknown option "${option}". Known options: ${HEALTH_CHECK_OPTION_KEYS.join(', ')}.`;

/** @internal */
export const INVALID_MODULE_OPTION = (option: string, expected: string, actual: unknown) =>
  `HealthModule options: "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const PATH_GIVEN_TWICE = (extra: string, fromFactory: unknown) =>
  `HealthModule options: "path" is given twice and differs: "${extra}" next to the factory and ${describeValue(fromFactory)} from the async options factory. Give it in one place.`;

/** @internal */
export const DUPLICATE_HEALTH_CHECK = (name: string, first: string, second: string) =>
  `@HealthCheck() name "${name}" is used twice: by ${first} and by ${second}. Check names must be unique; set option "name" on one of them.`;

/** @internal */
export const NON_STATIC_PROVIDER = (className: string, methodName: string) =>
  `@HealthCheck() on ${className}.${methodName}: ${className} is request-scoped or transient (option "scope", or it depends on such a provider). Health checks run outside any request, so this check could never run; make ${className} a singleton or move the check to a singleton provider.`;

/** @internal */
export const TIMEOUT_EXCEEDS_PROBE_TIMEOUT = (
  name: string,
  timeout: number,
  probeTimeout: number,
) =>
  `Health check "${name}" has timeout ${timeout} ms, more than the probe timeout of ${probeTimeout} ms: a probe answers by then, counting the check as down while its run goes on. Lower its "timeout", use refresh: 'background', or raise "probeTimeout" to match your probes.`;

/** @internal */
export const CHECK_TIMED_OUT = (timeoutMs: number) => `timed out after ${timeoutMs} ms`;

/** @internal */
export const CHECK_RETURNED_FALSE = 'the check returned false';

/** @internal */
export const CHECK_RESULT_STALE = (ageMs: number, staleAfter: number) =>
  `stale: the last background result is ${Math.round(ageMs)} ms old (staleAfter ${staleAfter} ms)`;

/** @internal */
export const CHECK_NO_RESULT_YET =
  'no result yet: the background refresh has not finished a first run of this check';

/** @internal */
export const CHECK_WENT_DOWN = (name: string, error: string | undefined) =>
  `Health check "${name}" is down: ${error ?? 'no reason given'}`;

/** @internal */
export const CHECK_DEGRADED = (name: string, reason: string | undefined) =>
  `Health check "${name}" is degraded${reason ? `: ${reason}` : ''}`;

/** @internal */
export const CHECK_RECOVERED = (name: string) => `Health check "${name}" is up again`;

/** @internal */
export const CHECK_TRANSITIONS_SUPPRESSED = (
  name: string,
  count: number,
  windowMs: number,
  status: string,
  error: string | undefined,
) =>
  `Health check "${name}" changed status ${count} more times in ${windowMs / 1000} s (not logged one by one); it is now ${status}${error ? `: ${error}` : ''}`;

/** @internal */
export const CHECK_OVERRAN = (durationMs: number, timeoutMs: number) =>
  `took ${durationMs} ms, beyond its timeout of ${timeoutMs} ms (it kept the event loop busy, so its timer could not fire)`;

/** @internal */
export const CHECK_RESULT_UNDESCRIBABLE =
  'the check failed in a way that could not be described (its error or result threw when read)';

/** @internal */
export const SHUTDOWN_DRAINING = (drainDelayMs: number) =>
  `Shutting down: readiness answers 503; serving on for ${drainDelayMs} ms so load balancers stop routing here before the listener closes`;

/** @internal The kind of a value, never the value: a role lookup may hand back a token. */
export const describeKind = (value: unknown): string => {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
  return typeof name === 'string' && name ? `an object (${name})` : 'an object';
};

/** @internal `reason` comes from `describeError`, so it is redacted. */
export const ROLES_OF_FAILED = (reason: string) =>
  `details.rolesOf failed: ${reason}. The details endpoint answers 401 (cannot establish identity) to callers it fails for. Logged once: later problems with details.rolesOf are not.`;

/** @internal */
export const ROLES_OF_NOT_AN_ARRAY = (value: unknown) =>
  `details.rolesOf returned ${describeKind(value)}, not an array of role names (or undefined for an anonymous caller). The details endpoint answers 403 to such callers. Logged once: later problems with details.rolesOf are not.`;

/** @internal */
export const LISTENER_FAILED = (reason: string) =>
  `A health status listener threw; the health module carries on: ${reason}`;

/** @internal The one bootstrap line listing every check. */
export const CHECKS_DISCOVERED = (count: number, table: string) =>
  `${count} health check${count === 1 ? '' : 's'} discovered:\n${table}`;

/** @internal */
export const UNSUPPORTED_HTTP_ADAPTER = (type: string) =>
  `HealthModule serves its probes on the Express and Fastify adapters; this application's HTTP adapter is "${type}". Use @nestjs/platform-express or @nestjs/platform-fastify.`;

/** @internal */
export const GLOBAL_PREFIX_UNREADABLE =
  'HealthModule options: "followGlobalPrefix" is true, but this version of @nestjs/core does not let the global prefix be read. Set "followGlobalPrefix" to false and include the prefix in "path" instead.';

const byRequester = (requester: string | undefined) =>
  requester === undefined ? '' : ` by user ${JSON.stringify(requester)}`;

/** @internal */
export const READINESS_DRAINED = (requester: string | undefined) =>
  `Readiness drained${byRequester(requester)}: /ready answers 503 until DELETE of the drain route`;

/** @internal */
export const READINESS_RESTORED = (requester: string | undefined) =>
  `Readiness restored${byRequester(requester)}: /ready follows the checks again`;

/** @internal */
export const CHECK_REFRESHED = (name: string, status: string, requester: string | undefined) =>
  `Health check "${name}" refreshed${byRequester(requester)}: ${status}`;

/** @internal */
export const HEALTH_MODULE_IMPORTED_TWICE = (count: number, importers: readonly string[]) =>
  `HealthModule is defined ${count} times (imported by ${[...new Set(importers)].join(', ')}): each forRoot() or forRootAsync() call is a module of its own, which would run every check and serve the probes again. One HealthModule serves the whole application, its checks discovered wherever they are: call HealthModule.forRoot() or forRootAsync() once, in the root module.`;
