import { Logger } from '@nestjs/common';
import { type ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

const logger = new Logger('Cache');

/**
 * An ioredis client tuned for a cache that must never slow a request down: no offline queue and
 * no retried commands (a command while disconnected fails at once), a short command timeout (a
 * frozen server costs one timeout, not a hang), and reconnection forever in the background.
 */
export function createRedisClient(config: ConfigService): Redis | null {
  const url = config.get<string>('REDIS_URL');
  if (!url) return null;
  const client = new Redis(url, {
    keyPrefix: config.get<string>('CACHE_KEY_PREFIX', 'orders-api:'),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: config.get<number>('REDIS_COMMAND_TIMEOUT_MS', 200),
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  logOutages(client);
  return client;
}

/** One line when Redis goes away and one when it is back, not one per reconnect attempt. */
function logOutages(client: Redis): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`Redis unavailable, reads go to the database: ${error.message}`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('Redis is back, caching again');
  });
}
