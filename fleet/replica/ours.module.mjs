import { createRequire } from 'node:module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions } from './database.options.mjs';
import { decorateClass } from './decorate.helpers.mjs';
import { OrdersController } from './orders.controller.mjs';

// The built library (packages/nestjs-probes/dist, through the workspace link), as an app installs it.
const require = createRequire(import.meta.url);
const { HealthModule } = require('nestjs-probes');
const { TypeOrmHealthModule } = require('nestjs-probes/typeorm');

/**
 * OUR side, configured as the example app is (apps/example, libs/database): the database check
 * in readiness only, the pool-aware TypeORM check; liveness runs no dependency check.
 * Probes: GET /health/startup, /health/live, /health/ready.
 */
export function oursModule(env) {
  class OursAppModule {}
  decorateClass(
    OursAppModule,
    Module({
      imports: [
        TypeOrmModule.forRoot(databaseOptions(env)),
        HealthModule.forRoot({
          defaults: { ttl: env.ttlMs, timeout: env.checkTimeoutMs },
          probeTimeout: env.probeTimeoutMs,
          shutdown: { drainDelay: env.drainMs },
        }),
        TypeOrmHealthModule.register({
          name: 'database',
          timeout: env.checkTimeoutMs,
          degradedAboveMs: env.degradedAboveMs,
        }),
      ],
      controllers: [OrdersController],
    }),
  );
  return OursAppModule;
}
