// One discovery measurement in a fresh process:
// `node bench/scenarios/discovery.child.mjs <providers> <checks> <decorated 0|1>`; prints JSON.
import 'reflect-metadata';
import { decorateClass, decorateMethod } from '../support/decorate.helpers.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { runMain } from '../support/process.guards.mjs';

runMain(async () => {
  const [providers, checks, decorated] = process.argv.slice(2).map(Number);
  const { common, core, probes } = await loadNest();
  const perProvider = Math.ceil(checks / providers);
  const classes = [];
  for (let p = 0; p < providers; p++) {
    const Provider = class {};
    Object.defineProperty(Provider, 'name', { value: `Provider${p}` });
    for (let m = 0; m < perProvider; m++) {
      const key = `check${m}`;
      Provider.prototype[key] = async function () {};
      if (decorated) decorateMethod(Provider, key, probes.HealthCheck({ name: `p${p}.${key}` }));
    }
    classes.push(decorateClass(Provider, common.Injectable()));
  }
  const AppModule = decorateClass(
    class AppModule {},
    common.Module({ imports: [probes.HealthModule.forRoot()], providers: classes }),
  );
  const t0 = performance.now();
  const app = await core.NestFactory.create(AppModule, { logger: false });
  const t1 = performance.now();
  await app.init();
  const t2 = performance.now();
  await app.close();
  process.stdout.write(
    JSON.stringify({
      createMs: t1 - t0,
      initMs: t2 - t1,
      heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
    }),
  );
});
