export * from './cache-aside.service';
export * from './cache.constants';
export * from './cache.module';
export * from './redis-client.factory';
export * from './redis-client.module';
export * from './redis-target.util';
