import { type FactoryProvider } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { asyncErrorOf, instantiateAsync } from '../ready-made/ready-made-async.testing';
import {
  INVALID_READY_MADE_OPTION,
  UNKNOWN_READY_MADE_OPTION,
} from '../ready-made/ready-made.messages';
import { EXPECTED_READY_MADE } from '../ready-made/ready-made.validation';
import { type MemoryHealthCheck } from './memory-health.check';
import { MemoryHealthModule } from './memory-health.module';
import { type MemoryHealthOptions } from './memory-health-options.interface';
import { EXPECTED_THRESHOLD, EXPECTED_THRESHOLD_ORDER } from './system.messages';

function instantiate(options?: MemoryHealthOptions): MemoryHealthCheck {
  const provider = MemoryHealthModule.register(options).providers![1] as FactoryProvider;
  return provider.useFactory(options ?? {}) as MemoryHealthCheck;
}

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION('MemoryHealthModule', 'MemoryHealthCheck', option, expected, actual),
  );

const FIELDS = ['heapPercent', 'heapBytes', 'rssBytes'];

describe('MemoryHealthModule.register', () => {
  it('defaults to degraded above 90% of the heap limit, never down', () => {
    expect(instantiate()['options']).toEqual({ degradedAbove: { heapPercent: 90 } });
  });

  it('keeps the thresholds given', () => {
    const options = {
      degradedAbove: { rssBytes: 100 },
      downAbove: { rssBytes: 200, heapPercent: 99 },
    };
    expect(instantiate(options)['options']).toEqual(options);
  });

  it('fails on a threshold that is not an object or sets no field', () => {
    expect(() => instantiate({ downAbove: 95 as never })).toThrow(
      invalid('downAbove', EXPECTED_THRESHOLD(FIELDS), 95),
    );
    expect(() => instantiate({ degradedAbove: { heapPercent: undefined } })).toThrow(
      invalid('degradedAbove', EXPECTED_THRESHOLD(FIELDS), { heapPercent: undefined }),
    );
  });

  it('fails on a field that is not a positive figure', () => {
    expect(() => instantiate({ degradedAbove: { heapPercent: 0 } })).toThrow(
      invalid('degradedAbove.heapPercent', EXPECTED_READY_MADE.percent, 0),
    );
    expect(() => instantiate({ downAbove: { rssBytes: '1GB' as never } })).toThrow(
      invalid('downAbove.rssBytes', EXPECTED_READY_MADE.bytes, '1GB'),
    );
  });

  it('fails on a down threshold not above the default degraded one, naming the default', () => {
    expect(() => instantiate({ downAbove: { heapPercent: 85 } })).toThrow(
      invalid(
        'downAbove.heapPercent',
        EXPECTED_THRESHOLD_ORDER('more', 'degradedAbove.heapPercent', 90, true),
        85,
      ),
    );
  });

  it('fails on an unknown option, listing the known ones', () => {
    const options = { downAboveBytes: 5 } as MemoryHealthOptions;
    expect(() => instantiate(options)).toThrow(
      UNKNOWN_READY_MADE_OPTION('MemoryHealthModule', 'MemoryHealthCheck', 'downAboveBytes', [
        'name',
        'critical',
        'ttl',
        'timeout',
        'probe',
        'refresh',
        'staleAfter',
        'failureThreshold',
        'successThreshold',
        'imports',
        'degradedAbove',
        'downAbove',
      ]),
    );
  });
});

describe('MemoryHealthModule.registerAsync', () => {
  it('resolves the thresholds the factory answers', async () => {
    const module = MemoryHealthModule.registerAsync({
      useFactory: async () => ({ downAbove: { rssBytes: 2 ** 31 } }),
    });
    expect((await instantiateAsync<MemoryHealthCheck>(module))['options']).toEqual({
      degradedAbove: { heapPercent: 90 },
      downAbove: { rssBytes: 2 ** 31 },
    });
  });

  it('fails on an unknown threshold key from the factory, naming registerAsync', async () => {
    const module = MemoryHealthModule.registerAsync({
      useFactory: () => ({ downAbove: { heapPercent: 95 }, degradedAbove: 'high' as never }),
    });
    const error = (await asyncErrorOf(module)) as Error;
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect(error.message).toMatch(
      /^MemoryHealthModule\.registerAsync\(\) \(MemoryHealthCheck\.check\): option "degradedAbove"/,
    );
  });
});
