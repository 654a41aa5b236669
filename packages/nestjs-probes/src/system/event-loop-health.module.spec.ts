import { type FactoryProvider } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { asyncErrorOf, instantiateAsync } from '../ready-made/ready-made-async.testing';
import { EXPECTED } from '../options/option.validators';
import { INVALID_READY_MADE_OPTION } from '../ready-made/ready-made.messages';
import { type EventLoopHealthCheck } from './event-loop-health.check';
import { EventLoopHealthModule } from './event-loop-health.module';
import { type EventLoopHealthOptions } from './event-loop-health-options.interface';
import { SYSTEM_EXPECTED } from './system-health.validation';
import { EXPECTED_THRESHOLD_ORDER } from './system.messages';

function instantiate(options?: EventLoopHealthOptions): EventLoopHealthCheck {
  const provider = EventLoopHealthModule.register(options).providers![1] as FactoryProvider;
  return provider.useFactory(options ?? {}) as EventLoopHealthCheck;
}

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION(
      'EventLoopHealthModule',
      'EventLoopHealthCheck',
      option,
      expected,
      actual,
    ),
  );

describe('EventLoopHealthModule.register', () => {
  it('defaults to degraded above 100 ms, never down, sampled every 10 ms', () => {
    expect(instantiate()['options']).toEqual({ degradedAboveMs: 100, resolutionMs: 10 });
  });

  it('keeps the options given', () => {
    const options = { degradedAboveMs: 50, downAboveMs: 500, resolutionMs: 20 };
    expect(instantiate(options)['options']).toEqual(options);
  });

  it.each([0, -5, NaN, Infinity, '100'])('fails on degradedAboveMs %p', (value) => {
    expect(() => instantiate({ degradedAboveMs: value as number })).toThrow(
      invalid('degradedAboveMs', EXPECTED.positiveDuration, value),
    );
  });

  it('fails on a downAboveMs that is not a positive number', () => {
    expect(() => instantiate({ downAboveMs: -1 })).toThrow(
      invalid('downAboveMs', EXPECTED.positiveDuration, -1),
    );
  });

  it('fails on a downAboveMs not above degradedAboveMs, given or default', () => {
    expect(() => instantiate({ degradedAboveMs: 200, downAboveMs: 200 })).toThrow(
      invalid('downAboveMs', EXPECTED_THRESHOLD_ORDER('more', 'degradedAboveMs', 200, false), 200),
    );
    expect(() => instantiate({ downAboveMs: 50 })).toThrow(
      invalid('downAboveMs', EXPECTED_THRESHOLD_ORDER('more', 'degradedAboveMs', 100, true), 50),
    );
  });

  it.each([0, 0.5, -1, NaN])('fails on resolutionMs %p, which Node would refuse', (value) => {
    expect(() => instantiate({ resolutionMs: value })).toThrow(
      invalid('resolutionMs', SYSTEM_EXPECTED.resolution, value),
    );
  });
});

describe('EventLoopHealthModule.registerAsync', () => {
  it('resolves the thresholds the factory answers', async () => {
    const module = EventLoopHealthModule.registerAsync({
      inject: ['CONFIG'],
      useFactory: (config: { delay: number }) => ({ degradedAboveMs: config.delay }),
    });
    const check = await instantiateAsync<EventLoopHealthCheck>(module, [], { delay: 50 });
    expect(check['options']).toEqual({ degradedAboveMs: 50, resolutionMs: 10 });
  });

  it('fails on out-of-order thresholds from the factory, naming registerAsync', async () => {
    const module = EventLoopHealthModule.registerAsync({
      useFactory: () => ({ degradedAboveMs: 200, downAboveMs: 100 }),
    });
    expect(await asyncErrorOf(module)).toEqual(
      new HealthConfigurationError(
        INVALID_READY_MADE_OPTION(
          'EventLoopHealthModule',
          'EventLoopHealthCheck',
          'downAboveMs',
          EXPECTED_THRESHOLD_ORDER('more', 'degradedAboveMs', 200, false),
          100,
          'registerAsync',
        ),
      ),
    );
  });
});
