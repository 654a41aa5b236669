import { HealthConfigurationError } from '../errors';
import { EXPECTED, isPlainObject } from '../options/option.validators';
import { DEFAULT_WATCH_INTERVAL_MS } from './grpc-health.constants';
import {
  type GrpcHealthOptions,
  type ResolvedGrpcHealthOptions,
} from './grpc-health-options.interface';
import { INVALID_GRPC_OPTION, UNKNOWN_GRPC_OPTION } from './grpc.messages';

/** @internal */
export const GRPC_OPTION_KEYS: readonly (keyof GrpcHealthOptions)[] = ['watchInterval'];

/** @internal Bounds of `watchInterval`: a busy loop below, a stream that never refreshes above. */
export const WATCH_INTERVAL_RANGE = { min: 100, max: 3_600_000 } as const;

/** @internal */
export const GRPC_EXPECTED = {
  watchInterval: `a whole number of milliseconds from ${WATCH_INTERVAL_RANGE.min} to ${WATCH_INTERVAL_RANGE.max}`,
} as const;

/**
 * Validates and fills the options of `GrpcHealthModule.register()`, throwing the bootstrap error
 * naming the option.
 *
 * @internal
 */
export function resolveGrpcHealthOptions(given: unknown): ResolvedGrpcHealthOptions {
  const options = given ?? {};
  if (!isPlainObject(options)) {
    throw new HealthConfigurationError(INVALID_GRPC_OPTION('(options)', EXPECTED.object, options));
  }
  for (const key of Object.keys(options)) {
    if (!GRPC_OPTION_KEYS.includes(key as keyof GrpcHealthOptions)) {
      throw new HealthConfigurationError(UNKNOWN_GRPC_OPTION(key, GRPC_OPTION_KEYS));
    }
  }
  const { watchInterval = DEFAULT_WATCH_INTERVAL_MS } = options as GrpcHealthOptions;
  if (
    !Number.isInteger(watchInterval) ||
    watchInterval < WATCH_INTERVAL_RANGE.min ||
    watchInterval > WATCH_INTERVAL_RANGE.max
  ) {
    throw new HealthConfigurationError(
      INVALID_GRPC_OPTION('watchInterval', GRPC_EXPECTED.watchInterval, watchInterval),
    );
  }
  return { watchInterval };
}
