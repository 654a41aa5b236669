import { createRequire } from 'node:module';
import { decorateClass, decorateMethod, injectTypes } from '../support/decorate.helpers.mjs';
import { createApp, listen } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { SETTINGS } from './settings.config.mjs';

const require = createRequire(import.meta.url);

/**
 * The app of scenario 1 (Express), on `dataSource` provided as `DataSource`: route A is Terminus'
 * `TypeOrmHealthIndicator.pingCheck()`, route B nestjs-probes' `TypeOrmHealthModule`.
 */
export async function createPostgresApp(dataSource) {
  const { common, core, terminus, probes } = await loadNest();
  const { TypeOrmHealthModule } = require('nestjs-probes/typeorm');
  const { DataSource } = require('typeorm');
  const { Controller, Get, Global, Module } = common;

  // What TypeOrmModule.forRoot() does for the app: a global module exporting the DataSource.
  class DatabaseModule {}
  decorateClass(
    DatabaseModule,
    Global(),
    Module({
      providers: [{ provide: DataSource, useValue: dataSource }],
      exports: [DataSource],
    }),
  );

  // Route A: Terminus' own TypeORM indicator, on the same DataSource.
  class TerminusController {
    constructor(health, typeOrm, source) {
      this.health = health;
      this.typeOrm = typeOrm;
      this.source = source;
    }
    ready() {
      return this.health.check([
        () =>
          this.typeOrm.pingCheck('database', {
            connection: this.source,
            timeout: SETTINGS.postgres.terminusTimeoutMs,
          }),
      ]);
    }
  }
  injectTypes(
    TerminusController,
    terminus.HealthCheckService,
    terminus.TypeOrmHealthIndicator,
    DataSource,
  );
  decorateMethod(TerminusController, 'ready', Get('ready'), terminus.HealthCheck());
  decorateClass(TerminusController, Controller('terminus'));

  // Route B: nestjs-probes' ready-made TypeORM check.
  class AppModule {}
  decorateClass(
    AppModule,
    Module({
      imports: [
        DatabaseModule,
        terminus.TerminusModule.forRoot({ logger: false }),
        probes.HealthModule.forRoot(),
        TypeOrmHealthModule.register(SETTINGS.postgres.probes),
      ],
      controllers: [TerminusController],
    }),
  );
  const app = await createApp(core, AppModule);
  return { app, port: await listen(app) };
}
