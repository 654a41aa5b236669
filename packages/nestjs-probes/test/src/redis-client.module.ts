import { type DynamicModule, Module } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/** Where the test app provides its ioredis client. */
export const REDIS_CLIENT = 'TEST:REDIS_CLIENT';

/**
 * Provides the app's ioredis client under `REDIS_CLIENT` from a module that is not global, as a
 * cache module would, and quits it when the app closes. The client keeps ioredis's defaults (offline
 * queue, 20 retries per request) but for a short reconnect delay.
 */
@Module({})
export class RedisClientModule {
  /** `options.port`: of a throwaway server (see @internal/test-servers). */
  static forRoot(options: RedisOptions = {}): DynamicModule {
    return {
      module: RedisClientModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: () => {
            const client = new Redis({
              host: '127.0.0.1',
              retryStrategy: () => 100,
              ...options,
            });
            client.on('error', () => undefined);
            return client;
          },
        },
        {
          provide: 'TEST:REDIS_CLOSER',
          inject: [REDIS_CLIENT],
          useFactory: (client: Redis) => ({ onApplicationShutdown: () => client.disconnect() }),
        },
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
