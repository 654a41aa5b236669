import { type INestApplication } from '@nestjs/common';
import { AliasedHealth } from '../src/aliased.health';
import { AppModule } from '../src/app.module';
import { InheritedHealth } from '../src/inherited.health';
import { NestedHealth } from '../src/nested/nested.health';
import { ADAPTERS, bootstrap, probe } from '../src/test-app.util';

describe.each(ADAPTERS)('check discovery (%s)', (adapter) => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await bootstrap(adapter, AppModule.registerDiscovery());
  });

  afterEach(async () => {
    await app?.close();
  });

  it('names every check ClassName.methodName, each exactly once', async () => {
    const res = await probe(app, '/health/details', 'admin');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.checks).sort()).toEqual([
      'AliasedHealth.ping',
      'InheritedHealth.ping',
      'NestedHealth.ping',
    ]);
  });

  it('runs a check declared in a module imported by an imported module', async () => {
    expect((await probe(app, '/health/ready')).status).toBe(200);
    expect(app.get(NestedHealth).runs).toBe(1);
  });

  it('runs a check whose decorated method is inherited from a base class', async () => {
    expect((await probe(app, '/health/ready')).status).toBe(200);
    expect(app.get(InheritedHealth).runs).toBe(1);
  });

  it('runs a provider aliased with useExisting once per probe, not once per token', async () => {
    await probe(app, '/health/ready');
    await probe(app, '/health/ready');
    expect(app.get(AliasedHealth).runs).toBe(2);
  });

  it('steps over a useValue with a null prototype (the app booted, probes answer)', async () => {
    expect((await probe(app, '/health/live')).status).toBe(200);
    expect((await probe(app, '/health/ready')).body).toEqual({ status: 'up' });
  });
});
