import { type FactoryProvider } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { asyncErrorOf, instantiateAsync } from '../ready-made/ready-made-async.testing';
import {
  INVALID_READY_MADE_OPTION,
  READY_MADE_OPTION_NOT_FROM_FACTORY,
} from '../ready-made/ready-made.messages';
import { type IoRedisHealthCheck } from './ioredis-health.check';
import { IoRedisHealthModule } from './ioredis-health.module';

/** Enough of an ioredis client for the module's duck typing; never pinged here. */
const client = { status: 'ready', ping: async () => 'PONG' };

const invalidAsync = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION(
      'IoRedisHealthModule',
      'IoRedisHealthCheck',
      option,
      expected,
      actual,
      'registerAsync',
    ),
  );

describe('IoRedisHealthModule.registerAsync', () => {
  it('injects the client token given next to the factory and resolves what it answers', async () => {
    const module = IoRedisHealthModule.registerAsync({
      client: 'REDIS',
      inject: ['CONFIG'],
      useFactory: (config: { slowMs: number }) => ({ degradedAboveMs: config.slowMs, info: false }),
    });
    expect((module.providers![2] as FactoryProvider).inject).toEqual([expect.any(String), 'REDIS']);
    const check = await instantiateAsync<IoRedisHealthCheck>(module, [client], { slowMs: 20 });
    expect(check['options']).toEqual({ degradedAboveMs: 20, info: false });
  });

  it('fails without a client token, as register() does', async () => {
    const module = IoRedisHealthModule.registerAsync({ useFactory: () => ({}) } as never);
    expect(await asyncErrorOf(module)).toEqual(
      invalidAsync('client', "the injection token of the app's ioredis client", undefined),
    );
  });

  it('fails when the factory answers the client token, needed before it runs', async () => {
    const module = IoRedisHealthModule.registerAsync({
      client: 'REDIS',
      useFactory: () => ({ client: 'OTHER' }) as never,
    });
    expect(await asyncErrorOf(module, [client])).toEqual(
      new HealthConfigurationError(
        READY_MADE_OPTION_NOT_FROM_FACTORY('IoRedisHealthModule', 'IoRedisHealthCheck', 'client'),
      ),
    );
  });
});
