import { Controller, Get, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { databaseOptions } from './database.options.mjs';
import { decorateClass, decorateMethod, injectTypes } from './decorate.helpers.mjs';
import { OrdersController } from './orders.controller.mjs';

/**
 * The CONTROL: what the NestJS Terminus recipe (docs.nestjs.com/recipes/terminus) writes, and what
 * many tutorials then point every probe at: one `GET /health` that pings the database.
 * `pingCheck('database')` keeps Terminus' default timeout (1000 ms) unless the whole run is scaled
 * down in time (`--short`), where it is scaled like every other duration.
 */
export function controlModule(env) {
  class HealthController {
    constructor(health, db) {
      this.health = health;
      this.db = db;
    }
    check() {
      const options = env.pingTimeoutMs === undefined ? undefined : { timeout: env.pingTimeoutMs };
      return this.health.check([() => this.db.pingCheck('database', options)]);
    }
  }
  injectTypes(HealthController, HealthCheckService, TypeOrmHealthIndicator);
  decorateMethod(HealthController, 'check', Get(), HealthCheck());
  decorateClass(HealthController, Controller('health'));

  class ControlAppModule {}
  decorateClass(
    ControlAppModule,
    Module({
      imports: [TypeOrmModule.forRoot(databaseOptions(env)), TerminusModule],
      controllers: [HealthController, OrdersController],
    }),
  );
  return ControlAppModule;
}
