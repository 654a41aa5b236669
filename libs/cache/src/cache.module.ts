import { Module } from '@nestjs/common';
import { ConditionalModule } from '@nestjs/config';
import { IoRedisHealthModule } from 'nestjs-probes/ioredis';
import { CacheAside } from './cache-aside.service';
import { REDIS_CLIENT } from './cache.constants';
import { RedisClientModule } from './redis-client.module';

/**
 * Redis cache-aside (`CacheAside`) and, when `REDIS_URL` is set, the `cache` readiness check. The
 * check is non-critical: with Redis down the app still answers from the database, so it reports
 * `degraded` (200), never `down`. Needs a global `ConfigModule`.
 */
@Module({
  imports: [
    RedisClientModule,
    ConditionalModule.registerWhen(
      IoRedisHealthModule.register({
        name: 'cache',
        client: REDIS_CLIENT,
        critical: false,
        timeout: 500,
        imports: [RedisClientModule],
      }),
      // A function: the string form registers unless the variable is literally "false".
      (env) => Boolean(env.REDIS_URL?.trim()),
    ),
  ],
  providers: [CacheAside],
  exports: [CacheAside],
})
export class CacheModule {}
