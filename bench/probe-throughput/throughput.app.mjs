import { createRequire } from 'node:module';
import { decorateClass, decorateMethod, injectTypes } from '../support/decorate.helpers.mjs';
import { createApp } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { CHECK_TTL_MS } from './scenarios.config.mjs';
import { METRICS } from './settings.config.mjs';

const require = createRequire(import.meta.url);

const UP = Object.freeze({ status: 'up' });
const REDIS = 'REDIS';

/**
 * The app measured for throughput: every scenario's route in one app, as in a real service, on a
 * real PostgreSQL (`deps.pgUrl`) and Redis (`deps.redisPort`). Resolves `{ app, closeDependencies }`:
 * the DataSource and the client are the app's to use, closed after `app.close()`.
 */
export async function createThroughputApp(adapter, deps) {
  const { common, core, terminus, probes } = await loadNest();
  const { dataSource, redis } = await openDependencies(deps);
  const { TypeOrmHealthModule } = require('nestjs-probes/typeorm');
  const { IoRedisHealthModule } = require('nestjs-probes/ioredis');
  const { DataSource } = require('typeorm');
  const DependenciesModule = decorateClass(
    class DependenciesModule {},
    common.Global(),
    common.Module({
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: REDIS, useValue: redis },
      ],
      exports: [DataSource, REDIS],
    }),
  );
  const AppModule = decorateClass(
    class AppModule {},
    common.Module({
      imports: [
        DependenciesModule,
        probes.HealthModule.forRoot(),
        TypeOrmHealthModule.register({}),
        IoRedisHealthModule.register({ client: REDIS }),
        terminus.TerminusModule.forRoot({ logger: false }),
        ...metricsModules(),
      ],
      controllers: [baselineController(common), terminusController(common, terminus, DataSource)],
      providers: [inProcessCheck(common, probes)],
    }),
  );
  const app = await createApp(core, AppModule, adapter);
  addRawRoute(app);
  const closeDependencies = async () => {
    redis.disconnect();
    await dataSource.destroy();
  };
  return { app, closeDependencies };
}

/** The app's own DataSource (pool of 10, TypeORM's default) and ioredis client (its defaults). */
async function openDependencies({ pgUrl, redisPort }) {
  const { DataSource } = require('typeorm');
  const Redis = require('ioredis');
  const dataSource = new DataSource({ type: 'postgres', url: pgUrl, entities: [], logging: false });
  await dataSource.initialize();
  const redis = new Redis({ host: '127.0.0.1', port: redisPort, lazyConnect: true });
  await redis.connect();
  return { dataSource, redis };
}

/**
 * The physical limit: a route on the HTTP adapter's own router, outside Nest's router and pipeline,
 * writing a constant already serialised, the leanest way each framework has.
 */
function addRawRoute(app) {
  const http = app.getHttpAdapter();
  const body = JSON.stringify(UP);
  const type = 'application/json; charset=utf-8';
  if (http.getType() === 'fastify') {
    http.get('/raw', (request, reply) => {
      reply.header('cache-control', 'no-store').type(type).send(body);
    });
    return;
  }
  http.get('/raw', (request, response) => {
    response.setHeader('Content-Type', type);
    response.setHeader('Cache-Control', 'no-store');
    response.end(body);
  });
}

/** The bare routes: /baseline, and the diagnostics /baseline-header and /baseline-req. */
function baselineController({ Controller, Get, Header, Req }) {
  class BaselineController {
    get() {
      return UP;
    }
    withHeader() {
      return UP;
    }
    withRequest(request) {
      return request ? UP : undefined;
    }
  }
  decorateMethod(BaselineController, 'get', Get('baseline'));
  const noStore = Header('Cache-Control', 'no-store');
  decorateMethod(BaselineController, 'withHeader', Get('baseline-header'), noStore);
  decorateMethod(BaselineController, 'withRequest', Get('baseline-req'), noStore);
  Req()(BaselineController.prototype, 'withRequest', 0);
  return decorateClass(BaselineController, Controller());
}

/** The in-process check beside the two ready-made ones. */
function inProcessCheck({ Injectable }, probes) {
  class InProcessCheck {
    async app() {}
  }
  decorateMethod(InProcessCheck, 'app', probes.HealthCheck({ name: 'app' }));
  return decorateClass(InProcessCheck, Injectable());
}

/** Terminus 12.1 as its documentation shows it, and the same with its cache (`.cacheFor(ttl)`). */
function terminusController({ Controller, Get, Inject }, terminus, DataSource) {
  const noop = async () => {};
  class TerminusController {
    constructor(health, indicators, typeOrm, dataSource, redis) {
      this.health = health;
      this.indicators = indicators;
      this.typeOrm = typeOrm;
      this.dataSource = dataSource;
      this.redis = redis;
    }
    live() {
      return this.health.check([]);
    }
    ready() {
      return this.health.check(this.attempts().map((attempt) => () => attempt()));
    }
    readyCached() {
      return this.health.check(
        this.attempts().map((attempt) => () => attempt().cacheFor(CHECK_TTL_MS)),
      );
    }
    attempts() {
      return [
        () => this.typeOrm.pingCheck('database', { connection: this.dataSource }),
        () =>
          this.indicators.check('redis').attempt(async () => {
            await this.redis.ping();
          }),
        () => this.indicators.check('app').attempt(noop),
      ];
    }
  }
  injectTypes(
    TerminusController,
    terminus.HealthCheckService,
    terminus.HealthIndicatorService,
    terminus.TypeOrmHealthIndicator,
    DataSource,
    Object,
  );
  Inject(REDIS)(TerminusController, undefined, 4);
  decorateMethod(TerminusController, 'live', Get('live'), terminus.HealthCheck());
  decorateMethod(TerminusController, 'ready', Get('ready'), terminus.HealthCheck());
  decorateMethod(TerminusController, 'readyCached', Get('ready-cached'), terminus.HealthCheck());
  return decorateClass(TerminusController, Controller('terminus'));
}

/** BENCH_METRICS=1: the Prometheus module registered beside, as an app exporting metrics has it. */
function metricsModules() {
  if (!METRICS) return [];
  const { Registry } = require('prom-client');
  const { PrometheusHealthModule } = require('nestjs-probes/prometheus');
  return [PrometheusHealthModule.register({ registry: new Registry() })];
}
