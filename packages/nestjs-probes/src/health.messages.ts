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
  `@HealthCheck() on ${className}.${methodName}: unknown option "${option}". Known options: name, critical, ttl, timeout, probe, refresh, staleAfter.`;

/** @internal */
export const INVALID_MODULE_OPTION = (option: string, expected: string, actual: unknown) =>
  `HealthModule options: "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const ASYNC_PATH_MISMATCH = (mounted: string, fromFactory: unknown) =>
  `HealthModule options: "path" ${describeValue(fromFactory)} came from the async options factory, but the routes are already mounted on "${mounted}". Routes are fixed before factories run: pass it as HealthModule.forRootAsync({ path: ${describeValue(fromFactory)}, useFactory... }).`;

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
  `Health check "${name}" has timeout ${timeout} ms, more than the probe timeout of ${probeTimeout} ms: the orchestrator would give up before the check does. Lower its "timeout", use refresh: 'background', or raise "probeTimeout" to match your probes.`;

/** @internal */
export const CHECK_TIMED_OUT = (timeoutMs: number) => `timed out after ${timeoutMs} ms`;

/** @internal */
export const CHECK_RETURNED_FALSE = 'the check returned false';

/** @internal */
export const CHECK_RESULT_STALE = (ageMs: number, staleAfter: number) =>
  `stale: the last background result is ${Math.round(ageMs)} ms old (staleAfter ${staleAfter} ms)`;

/** @internal */
export const CHECK_WENT_DOWN = (name: string, error: string | undefined) =>
  `Health check "${name}" is down: ${error ?? 'no reason given'}`;

/** @internal */
export const CHECK_DEGRADED = (name: string, reason: string | undefined) =>
  `Health check "${name}" is degraded${reason ? `: ${reason}` : ''}`;

/** @internal */
export const CHECK_RECOVERED = (name: string) => `Health check "${name}" is up again`;
