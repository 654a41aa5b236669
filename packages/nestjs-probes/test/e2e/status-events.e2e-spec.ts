import { type INestApplication } from '@nestjs/common';
import { HealthEvents, type HealthStatusChange } from 'nestjs-probes';
import { AppModule } from '../src/app.module';
import { DampedHealth, FAILURE_THRESHOLD, SUCCESS_THRESHOLD } from '../src/damped.health';
import { FlappingHealth } from '../src/flapping.health';
import { ADAPTERS, bootstrap, failOnUnhandledRejections, probe } from '../src/test-app.util';

const CHECK = 'FlappingHealth.dependency';

describe.each(ADAPTERS)('status-change events (%s)', (adapter) => {
  let app: INestApplication;
  let changes: HealthStatusChange[];

  async function start(...providers: Parameters<typeof AppModule.registerChecks>[0]) {
    app = await bootstrap(adapter, AppModule.registerChecks(providers));
    changes = [];
    app.get(HealthEvents).onChange((change) => changes.push(change));
  }

  afterEach(async () => {
    await app?.close();
  });
  failOnUnhandledRejections();

  const checkChanges = () => changes.filter((change) => change.kind === 'check');
  const probeChanges = (name: string) =>
    changes.filter((change) => change.kind === 'probe' && change.name === name);
  const concurrently = (times: number) =>
    Promise.all(Array.from({ length: times }, () => probe(app, '/health/ready')));

  it('fires once per transition, however many probes run at once', async () => {
    await start(FlappingHealth);
    await concurrently(100);
    app.get(FlappingHealth).state = 'down';
    await concurrently(100);
    app.get(FlappingHealth).state = 'up';
    await concurrently(100);

    expect(checkChanges().map(({ name, previous, current }) => [name, previous, current])).toEqual([
      [CHECK, undefined, 'up'],
      [CHECK, 'up', 'down'],
      [CHECK, 'down', 'up'],
    ]);
    expect(checkChanges()[1]).toMatchObject({ critical: true, error: 'dependency unreachable' });
    expect(probeChanges('readiness').map(({ previous, current }) => [previous, current])).toEqual([
      ['down', 'up'],
      ['up', 'down'],
      ['down', 'up'],
    ]);
  });

  it('changes nothing when a listener throws', async () => {
    await start(FlappingHealth);
    app.get(HealthEvents).onChange(() => {
      throw new Error('pager down');
    });
    app.get(FlappingHealth).state = 'down';
    expect((await probe(app, '/health/ready')).status).toBe(503);
    app.get(FlappingHealth).state = 'up';
    expect((await probe(app, '/health/ready')).status).toBe(200);
    expect(checkChanges()).toHaveLength(2);
  });

  it('reports readiness down once shutdown begins', async () => {
    await start(FlappingHealth);
    await probe(app, '/health/ready');
    await app.close();
    expect(probeChanges('readiness').at(-1)).toMatchObject({ previous: 'up', current: 'down' });
    app = undefined as unknown as INestApplication;
  });

  describe('flap damping', () => {
    beforeEach(() => start(DampedHealth));

    // With ttl 0 every read runs the check, the details endpoint's included.
    const ready = async () => (await probe(app, '/health/ready')).status;

    it(`stays up for ${FAILURE_THRESHOLD - 1} failures, goes down at the ${FAILURE_THRESHOLD}th`, async () => {
      expect(await ready()).toBe(200);
      app.get(DampedHealth).failing = true;
      for (let i = 2; i < FAILURE_THRESHOLD; i++) expect(await ready()).toBe(200);
      const details = await probe(app, '/health/details', 'admin');
      expect(details.status).toBe(200);
      expect(details.body.checks.damped).toMatchObject({
        status: 'up',
        streak: { status: 'failing', runs: FAILURE_THRESHOLD - 1 },
        lastRun: { status: 'down', error: 'dependency unreachable' },
      });
      expect(await ready()).toBe(503);
      expect(checkChanges().map(({ current }) => current)).toEqual(['up', 'down']);
    });

    it(`stays down for ${SUCCESS_THRESHOLD - 1} good run, comes back at the ${SUCCESS_THRESHOLD}nd`, async () => {
      app.get(DampedHealth).failing = true;
      for (let i = 0; i <= FAILURE_THRESHOLD; i++) await ready();
      expect(await ready()).toBe(503);
      app.get(DampedHealth).failing = false;
      for (let i = 1; i < SUCCESS_THRESHOLD; i++) expect(await ready()).toBe(503);
      const { status, body } = await probe(app, '/health/details', 'admin');
      expect(status).toBe(200);
      expect(body.checks.damped).toMatchObject({
        status: 'up',
        streak: { status: 'passing', runs: SUCCESS_THRESHOLD },
      });
      // The first run counts as it is: down at once, then up after the good runs.
      expect(body.checks.damped.transitions.map(({ to }: { to: string }) => to)).toEqual([
        'down',
        'up',
      ]);
      expect(body.checks.damped).not.toHaveProperty('lastRun');
      expect(await ready()).toBe(200);
    });
  });
});
