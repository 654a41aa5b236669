import { decorateClass, decorateMethod } from '../support/decorate.helpers.mjs';
import { createApp, listen } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { sleep } from '../support/sleep.timing.mjs';

/** An app for the single-flight measurement: one check taking `durationMs`, counting its runs. */
export async function createCountingApp(adapter, { ttl, durationMs }) {
  const { common, core, probes } = await loadNest();
  const counter = { runs: 0 };
  class CountedCheck {
    async dependency() {
      counter.runs += 1;
      await sleep(durationMs);
    }
  }
  const check = probes.HealthCheck({ name: 'dependency', ttl, timeout: 2_000 });
  decorateMethod(CountedCheck, 'dependency', check);
  decorateClass(CountedCheck, common.Injectable());
  class AppModule {}
  decorateClass(
    AppModule,
    common.Module({ imports: [probes.HealthModule.forRoot()], providers: [CountedCheck] }),
  );
  const app = await createApp(core, AppModule, adapter);
  const port = await listen(app);
  return { app, port, counter };
}
