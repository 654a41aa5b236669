import { createRequire } from 'node:module';
import { decorateClass, decorateMethod, injectTypes } from '../support/decorate.helpers.mjs';
import { createApp } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { METRICS } from './settings.config.mjs';

const UP = Object.freeze({ status: 'up' });
const CHECKS = ['database', 'cache', 'queue'];

/** The app measured for throughput: every scenario's route in one app, as in a real service. */
export async function createThroughputApp(adapter) {
  const { common, core, terminus, probes } = await loadNest();
  const AppModule = decorateClass(
    class AppModule {},
    common.Module({
      imports: [
        probes.HealthModule.forRoot(),
        terminus.TerminusModule.forRoot({ logger: false }),
        ...metricsModules(),
      ],
      controllers: [baselineController(common), terminusController(common, terminus)],
      providers: [probeChecks(common, probes)],
    }),
  );
  return createApp(core, AppModule, adapter);
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

/** Three cheap checks, always fresh: the readiness hot path. */
function probeChecks({ Injectable }, probes) {
  class ProbeChecks {
    async database() {}
    async cache() {}
    async queue() {}
  }
  for (const name of CHECKS) {
    decorateMethod(ProbeChecks, name, probes.HealthCheck({ name, ttl: 60_000 }));
  }
  return decorateClass(ProbeChecks, Injectable());
}

/** The Terminus 12.1 equivalent, with its own cache (`.cacheFor(ttl)`, Terminus 12's only cache). */
function terminusController({ Controller, Get }, terminus) {
  const noop = async () => {};
  class TerminusController {
    constructor(health, indicators) {
      this.health = health;
      this.indicators = indicators;
    }
    ready() {
      return this.health.check(
        CHECKS.map((name) => () => this.indicators.check(name).attempt(noop).cacheFor(60_000)),
      );
    }
  }
  injectTypes(TerminusController, terminus.HealthCheckService, terminus.HealthIndicatorService);
  decorateMethod(TerminusController, 'ready', Get('ready'), terminus.HealthCheck());
  return decorateClass(TerminusController, Controller('terminus'));
}

/** BENCH_METRICS=1: the Prometheus module registered beside, as an app exporting metrics has it. */
function metricsModules() {
  if (!METRICS) return [];
  const { Registry } = createRequire(import.meta.url)('prom-client');
  const { PrometheusHealthModule } = createRequire(import.meta.url)('nestjs-probes/prometheus');
  return [PrometheusHealthModule.register({ registry: new Registry() })];
}
