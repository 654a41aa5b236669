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
export const INVALID_READY_MADE_OPTION = (
  moduleName: string,
  className: string,
  option: string,
  expected: string,
  actual: unknown,
) =>
  `${moduleName}.register() (${className}.check): option "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const UNKNOWN_READY_MADE_OPTION = (
  moduleName: string,
  className: string,
  option: string,
  known: readonly string[],
) =>
  `${moduleName}.register() (${className}.check): unknown option "${option}". Known options: ${known.join(', ')}.`;

/** @internal */
export const PREVIOUS_CALL_UNANSWERED = (what: string, ageMs: number) =>
  `no answer to the previous ${what} for ${Math.round(ageMs)} ms; not sending another until it settles`;

/** @internal */
export const TYPEORM_NOT_INITIALIZED = 'the DataSource is not initialized';

/** @internal */
export const POOL_SATURATED = (
  pool: { size: number; idle: number; waiting: number; max: number },
  pinged: boolean,
) =>
  `connection pool saturated: ${pool.size - pool.idle}/${pool.max} in use, ${pool.waiting} waiting; ${pinged ? 'the database answered over a side connection' : 'database not pinged (sideConnection: false)'}`;

/** @internal */
export const PING_SLOW = (latencyMs: number, thresholdMs: number) =>
  `ping took ${latencyMs} ms, above ${thresholdMs} ms`;

/** @internal */
export const IOREDIS_NOT_READY = (status: string) =>
  `the ioredis client is "${status}", not "ready"; no command sent, since it would wait in the offline queue`;

/** @internal Bytes in binary units with one decimal, e.g. `10.0 MiB`. */
export const describeBytes = (bytes: number): string => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
};

/** @internal */
export const DISK_SPACE_LOW = (figure: 'bytes' | 'percent', free: number, limit: number) =>
  figure === 'bytes'
    ? `free disk space ${describeBytes(free)} is below ${describeBytes(limit)}`
    : `free disk space ${free}% is below ${limit}%`;

/** @internal `reason` is the file system error with the configured path replaced. */
export const DISK_UNREADABLE = (reason: string) => `cannot read the file system: ${reason}`;

/** @internal */
export const MEMORY_HIGH = (
  figure: 'heapPercent' | 'heapBytes' | 'rssBytes',
  actual: number,
  limit: number,
) =>
  figure === 'heapPercent'
    ? `heap used ${actual}% of its limit, above ${limit}%`
    : `${figure === 'heapBytes' ? 'heap used' : 'RSS'} ${describeBytes(actual)}, above ${describeBytes(limit)}`;

/** @internal */
export const EVENT_LOOP_DELAYED = (p99Ms: number, limitMs: number) =>
  `event loop delay p99 ${p99Ms} ms, above ${limitMs} ms`;

/** @internal */
export const HTTP_UNEXPECTED_STATUS = (status: number, [min, max]: readonly [number, number]) =>
  `HTTP ${status}, expected ${min === max ? min : `${min}-${max}`}`;

/** @internal */
export const HTTP_SLOW = (latencyMs: number, limitMs: number) =>
  `response took ${latencyMs} ms, above ${limitMs} ms`;

/** @internal */
export const HTTP_REQUEST_FAILED = (reason: string) => `request failed: ${reason}`;

/** @internal The `expected` text of a threshold object with none of its fields set. */
export const EXPECTED_THRESHOLD = (fields: readonly string[]) =>
  `an object with at least one of ${fields.join(', ')}`;

/** @internal The `expected` text when a down threshold is not stricter than its degraded one. */
export const EXPECTED_THRESHOLD_ORDER = (
  comparison: 'less' | 'more',
  other: string,
  otherValue: number,
  otherDefaulted: boolean,
) =>
  `${comparison} than ${other} (${otherValue}${otherDefaulted ? ' by default' : ''}), so that down is stricter than degraded`;

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
