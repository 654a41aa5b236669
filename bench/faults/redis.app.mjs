import { createRequire } from 'node:module';
import { decorateClass, decorateMethod, injectTypes } from '../support/decorate.helpers.mjs';
import { createApp, listen } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { SETTINGS } from './settings.config.mjs';

const require = createRequire(import.meta.url);

const REDIS = 'REDIS';

/**
 * The app of scenario 2 (Express), on the ioredis `client` provided as `REDIS`: route A is a custom
 * Terminus indicator, route B nestjs-probes' `IoRedisHealthModule`.
 */
export async function createRedisApp(client) {
  const { common, core, terminus, probes } = await loadNest();
  const { IoRedisHealthModule } = require('nestjs-probes/ioredis');
  const { Controller, Get, Inject, Injectable, Module } = common;

  // The app's own module holding its ioredis client.
  class RedisModule {}
  decorateClass(
    RedisModule,
    Module({ providers: [{ provide: REDIS, useValue: client }], exports: [REDIS] }),
  );

  // Route A: the custom indicator a Terminus 12 user writes, with no timeout of their own.
  class RedisHealthIndicator {
    constructor(healthIndicatorService, redis) {
      this.healthIndicatorService = healthIndicatorService;
      this.redis = redis;
    }
    isHealthy(key) {
      return this.healthIndicatorService.check(key).attempt(async () => {
        await this.redis.ping();
      });
    }
  }
  injectTypes(RedisHealthIndicator, terminus.HealthIndicatorService, Object);
  Inject(REDIS)(RedisHealthIndicator, undefined, 1);
  decorateClass(RedisHealthIndicator, Injectable());

  class TerminusController {
    constructor(health, redis) {
      this.health = health;
      this.redis = redis;
    }
    ready() {
      return this.health.check([() => this.redis.isHealthy('redis')]);
    }
  }
  injectTypes(TerminusController, terminus.HealthCheckService, RedisHealthIndicator);
  decorateMethod(TerminusController, 'ready', Get('ready'), terminus.HealthCheck());
  decorateClass(TerminusController, Controller('terminus'));

  // Route B: nestjs-probes' ready-made ioredis check on the same client.
  class AppModule {}
  decorateClass(
    AppModule,
    Module({
      imports: [
        RedisModule,
        terminus.TerminusModule.forRoot({ logger: false }),
        probes.HealthModule.forRoot(),
        IoRedisHealthModule.register({
          client: REDIS,
          ...SETTINGS.redis.probes,
          imports: [RedisModule],
        }),
      ],
      controllers: [TerminusController],
      providers: [RedisHealthIndicator],
    }),
  );
  const app = await createApp(core, AppModule);
  return { app, port: await listen(app) };
}
