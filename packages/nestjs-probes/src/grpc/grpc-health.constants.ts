import { join } from 'node:path';
import { type ProbeKind } from '../interfaces';

/**
 * The health proto shipped with the package, from `src/grpc` (tests) and `dist/grpc` (the build)
 * alike: `proto/` sits next to both in the package root.
 *
 * @internal
 */
export const GRPC_HEALTH_PROTO_PATH = join(
  __dirname,
  '..',
  '..',
  'proto',
  'grpc',
  'health',
  'v1',
  'health.proto',
);

/** @internal */
export const GRPC_HEALTH_PACKAGE = 'grpc.health.v1';

/**
 * Fully qualified, so an application's own service called `Health` in another package keeps its
 * handlers (Nest falls back to the qualified name when the short one has no handler).
 *
 * @internal
 */
export const GRPC_HEALTH_SERVICE = `${GRPC_HEALTH_PACKAGE}.Health`;

/** @internal `HealthCheckResponse.ServingStatus`, as numbers: valid whatever the loader's `enums`. */
export const SERVING_STATUS = {
  UNKNOWN: 0,
  SERVING: 1,
  NOT_SERVING: 2,
  SERVICE_UNKNOWN: 3,
} as const;

/** @internal */
export type ServingStatus = (typeof SERVING_STATUS)[keyof typeof SERVING_STATUS];

/** @internal The gRPC status code of a `Check` for an unknown service (grpc-js `status.NOT_FOUND`). */
export const GRPC_NOT_FOUND = 5;

/**
 * The service names and the probe each one reads: `""` is the server's overall health, which is
 * readiness (whether to send it traffic).
 *
 * @internal
 */
export const PROBE_OF_SERVICE: ReadonlyMap<string, ProbeKind> = new Map<string, ProbeKind>([
  ['', 'readiness'],
  ['liveness', 'liveness'],
  ['readiness', 'readiness'],
  ['startup', 'startup'],
]);

/** @internal */
export const GRPC_HEALTH_OPTIONS = 'HEALTH:GRPC_OPTIONS';

/** @internal */
export const GRPC_RESOLVED_OPTIONS = 'HEALTH:GRPC_RESOLVED_OPTIONS';

/** @internal */
export const DEFAULT_WATCH_INTERVAL_MS = 5000;
