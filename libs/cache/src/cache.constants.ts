/** Injection token of the app's ioredis client; `null` when `REDIS_URL` is unset. */
export const REDIS_CLIENT = 'CACHE:REDIS_CLIENT';
