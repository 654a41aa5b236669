import { type FactoryProvider } from '@nestjs/common';
import { resolve } from 'node:path';
import { HealthConfigurationError } from '../errors';
import { asyncErrorOf, instantiateAsync } from '../ready-made/ready-made-async.testing';
import { INVALID_READY_MADE_OPTION } from '../ready-made/ready-made.messages';
import { EXPECTED_READY_MADE } from '../ready-made/ready-made.validation';
import { type DiskHealthCheck } from './disk-health.check';
import { DiskHealthModule } from './disk-health.module';
import { type DiskHealthOptions } from './disk-health-options.interface';
import { SYSTEM_EXPECTED } from './system-health.validation';
import { EXPECTED_THRESHOLD, EXPECTED_THRESHOLD_ORDER } from './system.messages';

function instantiate(options?: DiskHealthOptions): DiskHealthCheck {
  const provider = DiskHealthModule.register(options).providers![1] as FactoryProvider;
  return provider.useFactory(options ?? {}) as DiskHealthCheck;
}

const resolvedOf = (options?: DiskHealthOptions) => instantiate(options)['options'];

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION('DiskHealthModule', 'DiskHealthCheck', option, expected, actual),
  );

describe('DiskHealthModule.register', () => {
  it('defaults to the working directory and a 10 MiB down threshold, no degraded one', () => {
    expect(resolvedOf()).toEqual({ path: process.cwd(), downBelow: { bytes: 10 * 1024 * 1024 } });
  });

  it('resolves a relative path at bootstrap and keeps the thresholds given', () => {
    expect(
      resolvedOf({ path: 'data', downBelow: { percent: 1 }, degradedBelow: { percent: 10 } }),
    ).toEqual({ path: resolve('data'), downBelow: { percent: 1 }, degradedBelow: { percent: 10 } });
  });

  it.each(['', 42])('fails on path %p', (path) => {
    expect(() => instantiate({ path: path as string })).toThrow(
      invalid('path', SYSTEM_EXPECTED.diskPath, path),
    );
  });

  it('fails on an empty threshold object, naming the fields it takes', () => {
    expect(() => instantiate({ degradedBelow: {} })).toThrow(
      invalid('degradedBelow', EXPECTED_THRESHOLD(['bytes', 'percent']), {}),
    );
  });

  it('fails on a percentage above 100 or a negative byte count', () => {
    expect(() => instantiate({ downBelow: { percent: 150 } })).toThrow(
      invalid('downBelow.percent', EXPECTED_READY_MADE.percent, 150),
    );
    expect(() => instantiate({ degradedBelow: { bytes: -1 } })).toThrow(
      invalid('degradedBelow.bytes', EXPECTED_READY_MADE.bytes, -1),
    );
  });

  it('fails when a degraded threshold is not above its down counterpart', () => {
    expect(() =>
      instantiate({ downBelow: { percent: 10 }, degradedBelow: { percent: 5 } }),
    ).toThrow(
      invalid(
        'downBelow.percent',
        EXPECTED_THRESHOLD_ORDER('less', 'degradedBelow.percent', 5, false),
        10,
      ),
    );
  });

  it('measures a degraded threshold against the default down one, blaming the one given', () => {
    expect(() => instantiate({ degradedBelow: { bytes: 1024 } })).toThrow(
      invalid(
        'degradedBelow.bytes',
        EXPECTED_THRESHOLD_ORDER('more', 'downBelow.bytes', 10 * 1024 * 1024, true),
        1024,
      ),
    );
  });
});

describe('DiskHealthModule.registerAsync', () => {
  it('resolves the path the factory answers, with the default threshold', async () => {
    const module = DiskHealthModule.registerAsync({
      inject: ['CONFIG'],
      useFactory: (config: { dataDir: string }) => ({ path: config.dataDir }),
    });
    const check = await instantiateAsync<DiskHealthCheck>(module, [], { dataDir: 'data' });
    expect(check['options']).toEqual({
      path: resolve('data'),
      downBelow: { bytes: 10 * 1024 * 1024 },
    });
  });

  it('fails on a bad path from the factory, naming registerAsync', async () => {
    const module = DiskHealthModule.registerAsync({ useFactory: async () => ({ path: '' }) });
    expect(await asyncErrorOf(module)).toEqual(
      new HealthConfigurationError(
        INVALID_READY_MADE_OPTION(
          'DiskHealthModule',
          'DiskHealthCheck',
          'path',
          SYSTEM_EXPECTED.diskPath,
          '',
          'registerAsync',
        ),
      ),
    );
  });
});
