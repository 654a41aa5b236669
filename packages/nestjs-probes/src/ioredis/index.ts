export {
  type IoRedisHealthAsyncOptions,
  type IoRedisHealthOptions,
} from './ioredis-health-options.interface';
export { IoRedisHealthModule } from './ioredis-health.module';
export { type RedisInfoFigures } from './redis-info.util';
