import { type DynamicModule, Module } from '@nestjs/common';
import { type RedisOptions } from 'ioredis';
import { type HealthModuleOptions } from 'nestjs-probes';
import { IoRedisHealthModule, type IoRedisHealthOptions } from 'nestjs-probes/ioredis';
import { AppModule } from './app.module';
import { REDIS_CLIENT, RedisClientModule } from './redis-client.module';

/** An app whose Redis client lives in a non-global module, with the ready-made checks given. */
@Module({})
export class CacheHealthModule {
  static register(
    client: RedisOptions = {},
    checks: Partial<IoRedisHealthOptions>[] = [{ ttl: 0, timeout: 1000 }],
    options: HealthModuleOptions = {},
  ): DynamicModule {
    const redis = RedisClientModule.forRoot(client);
    return AppModule.registerChecks([], options, [
      redis,
      ...checks.map((check) =>
        IoRedisHealthModule.register({ client: REDIS_CLIENT, imports: [redis], ...check }),
      ),
    ]);
  }
}
