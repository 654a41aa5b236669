import { type INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module';
import { BootstrapGate } from '../src/bootstrap-gate.module';
import { HealthyHealth } from '../src/healthy.health';
import { StartupHealth, WarmupHealth } from '../src/startup.health';
import { ADAPTERS, bootstrap, createApp, probe, readyIfFastify } from '../src/test-app.util';

const UP = '{"status":"up"}';
const DOWN = '{"status":"down"}';

describe.each(ADAPTERS)('startup probe (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  async function expectStartup(status: number, body: string) {
    const res = await probe(app, '/health/startup');
    expect(res.status).toBe(status);
    expect(res.text).toBe(body);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
  }

  it('answers 503 while the application is still bootstrapping, though its checks pass', async () => {
    app = await createApp(adapter, AppModule.registerStartupGate());
    const gate = app.get(BootstrapGate);
    const init = app.init();
    await gate.entered;
    await readyIfFastify(app);

    await expectStartup(503, DOWN);

    gate.open();
    await init;
    await expectStartup(200, UP);
  });

  it('answers 200 after bootstrap once every startup check passed', async () => {
    app = await bootstrap(adapter, AppModule.registerStartupChecks());
    await expectStartup(200, UP);
  });

  it('answers 503 until a failing startup check passes', async () => {
    app = await bootstrap(adapter, AppModule.registerStartupChecks());
    const startup = app.get(StartupHealth);
    startup.passing = false;
    await expectStartup(503, DOWN);
    await expectStartup(503, DOWN);
    startup.passing = true;
    await expectStartup(200, UP);
  });

  it('opens once each check passed once, even if never all in the same probe', async () => {
    app = await bootstrap(adapter, AppModule.registerStartupChecks());
    const [startup, warmup] = [app.get(StartupHealth), app.get(WarmupHealth)];
    [startup.passing, warmup.passing] = [false, false];
    await expectStartup(503, DOWN);
    [startup.passing, warmup.passing] = [true, false];
    await expectStartup(503, DOWN);
    [startup.passing, warmup.passing] = [false, true];
    await expectStartup(200, UP);
  });

  it('stays 200 (latched) when a startup check fails later, and stops running them', async () => {
    app = await bootstrap(adapter, AppModule.registerStartupChecks());
    await expectStartup(200, UP);
    const startup = app.get(StartupHealth);
    const runs = startup.runs;
    startup.passing = false;
    await expectStartup(200, UP);
    await expectStartup(200, UP);
    expect(startup.runs).toBe(runs);
  });

  it('runs startup checks only, never readiness checks', async () => {
    app = await bootstrap(adapter, AppModule.registerStartupChecks());
    await expectStartup(200, UP);
    expect(app.get(StartupHealth).runs).toBe(1);
    expect(app.get(HealthyHealth).runs).toBe(0);
  });
});
