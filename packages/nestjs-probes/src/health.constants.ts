/** @internal Metadata key written by `@HealthCheck()`. */
export const HEALTH_CHECK_METADATA = 'HEALTH:CHECK';
/** @internal Set on the handlers of public probes served by Nest, read by `isPublicHealthProbe()`. */
export const HEALTH_PUBLIC_PROBE_METADATA = 'HEALTH:PUBLIC_PROBE';
/** @internal Token of the options exactly as the user passed them. */
export const HEALTH_MODULE_OPTIONS = 'HEALTH:MODULE_OPTIONS';
/** @internal Token of the options with every default filled in and validated. */
export const HEALTH_RESOLVED_OPTIONS = 'HEALTH:RESOLVED_OPTIONS';
/** @internal Token of the path every health route is mounted on. */
export const HEALTH_MOUNT_PATH = 'HEALTH:MOUNT_PATH';

/** @internal */
export const DEFAULT_PATH = 'health';
/** @internal */
export const DEFAULT_TTL_MS = 5_000;
/** @internal */
export const DEFAULT_TIMEOUT_MS = 2_000;
/** @internal Matches `timeoutSeconds: 3` in the README's Kubernetes snippet. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;
/** @internal Admin routes that may run checks: 5 a second, 10 at once. */
export const DEFAULT_ADMIN_RATE = { perSecond: 5, burst: 10 } as const;
/** @internal A forced run of one check at most this often; more requests share it. */
export const FORCED_RUN_INTERVAL_MS = 1_000;
/** @internal */
export const DEFAULT_ADMIN_ROLES: readonly string[] = ['admin'];

/** @internal */
export const NO_STORE = 'no-store';
/** @internal */
export const LOGGER_CONTEXT = 'HealthModule';
