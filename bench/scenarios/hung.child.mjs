// The server of the hung-check scenario: `node --expose-gc bench/scenarios/hung.child.mjs
// <adapter> <timeoutMs>`, forked by hung-check.scenario.mjs.
import 'reflect-metadata';
import { serveOverIpc } from '../support/app-server.ipc.mjs';
import { decorateClass, decorateMethod } from '../support/decorate.helpers.mjs';
import { createApp, listen } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { runMain } from '../support/process.guards.mjs';

runMain(async () => {
  const [adapter, timeout] = process.argv.slice(2);
  const { common, core, probes } = await loadNest();
  class HungCheck {
    never() {
      return new Promise(() => {});
    }
  }
  // ttl 0: every probe needs a run, so every probe waits out a timeout (the worst case).
  const check = probes.HealthCheck({ name: 'never', ttl: 0, timeout: Number(timeout) });
  decorateMethod(HungCheck, 'never', check);
  decorateClass(HungCheck, common.Injectable());
  // The control: a bare Nest route answering after the same delay, the best any probe can do.
  class DelayController {
    async delayed() {
      await new Promise((resolve) => setTimeout(resolve, Number(timeout)));
      return { status: 'down' };
    }
  }
  decorateMethod(DelayController, 'delayed', common.Get('delayed'));
  decorateClass(DelayController, common.Controller());
  const AppModule = decorateClass(
    class AppModule {},
    common.Module({
      imports: [probes.HealthModule.forRoot()],
      controllers: [DelayController],
      providers: [HungCheck],
    }),
  );
  const app = await createApp(core, AppModule, adapter);
  serveOverIpc(app, await listen(app));
});
