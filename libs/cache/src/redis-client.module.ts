import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from './cache.constants';
import { createRedisClient } from './redis-client.factory';

/** Owns the ioredis client: made from `REDIS_URL`, closed after the HTTP listener has closed. */
@Module({
  providers: [{ provide: REDIS_CLIENT, inject: [ConfigService], useFactory: createRedisClient }],
  exports: [REDIS_CLIENT],
})
export class RedisClientModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    await this.client.quit().catch(() => this.client?.disconnect());
  }
}
