import { HealthConfigurationError } from '../errors';
import { DEFAULT_WATCH_INTERVAL_MS } from './grpc-health.constants';
import {
  GRPC_EXPECTED,
  GRPC_OPTION_KEYS,
  resolveGrpcHealthOptions,
  WATCH_INTERVAL_RANGE,
} from './grpc-health.validation';
import { INVALID_GRPC_OPTION, UNKNOWN_GRPC_OPTION } from './grpc.messages';

const failure = (given: unknown): HealthConfigurationError => {
  try {
    resolveGrpcHealthOptions(given);
  } catch (error) {
    expect(error).toBeInstanceOf(HealthConfigurationError);
    return error as HealthConfigurationError;
  }
  throw new Error(`expected ${JSON.stringify(given)} to be rejected`);
};

describe('resolveGrpcHealthOptions', () => {
  it.each([undefined, null, {}])('fills the default watchInterval for %j', (given) => {
    expect(resolveGrpcHealthOptions(given)).toEqual({ watchInterval: DEFAULT_WATCH_INTERVAL_MS });
  });

  it('keeps a watchInterval within bounds, both ends included', () => {
    for (const watchInterval of [WATCH_INTERVAL_RANGE.min, 1000, WATCH_INTERVAL_RANGE.max]) {
      expect(resolveGrpcHealthOptions({ watchInterval })).toEqual({ watchInterval });
    }
  });

  it.each([99, 3_600_001, 1.5, NaN, -1, '1000', Infinity])(
    'rejects the watchInterval %p, naming the option',
    (watchInterval) => {
      expect(failure({ watchInterval }).message).toBe(
        INVALID_GRPC_OPTION('watchInterval', GRPC_EXPECTED.watchInterval, watchInterval),
      );
    },
  );

  it('rejects an unknown option, listing the known ones', () => {
    expect(failure({ interval: 100 }).message).toBe(
      UNKNOWN_GRPC_OPTION('interval', GRPC_OPTION_KEYS),
    );
  });

  it.each([[[]], ['fast'], [42]])('rejects options that are not an object: %p', (given) => {
    expect(failure(given).message).toBe(INVALID_GRPC_OPTION('(options)', 'an object', given));
  });
});
