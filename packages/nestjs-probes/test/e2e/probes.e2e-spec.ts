import { type INestApplication } from '@nestjs/common';
import { HealthCheckTimeoutError } from 'nestjs-probes';
import { CHECK_RETURNED_FALSE, CHECK_TIMED_OUT } from '../../src/health.messages';
import { AppModule } from '../src/app.module';
import { FailingHealth } from '../src/failing.health';
import { HealthyHealth } from '../src/healthy.health';
import { LivenessHealth } from '../src/liveness.health';
import { SchemaHealth } from '../src/plain.health';
import { SHORT_TIMEOUT_MS, TimingOutHealth } from '../src/slow.health';
import { StartupHealth } from '../src/startup.health';
import { TerminusHealth } from '../src/terminus.health';
import { ADAPTERS, bootstrap, probe } from '../src/test-app.util';

const UP = '{"status":"up"}';
const DEGRADED = '{"status":"degraded"}';
const DOWN = '{"status":"down"}';

describe.each(ADAPTERS)('probe endpoints (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  /** The public answer is exactly `body`, as JSON that is never cached. */
  async function expectAnswer(path: string, status: number, body: string) {
    const res = await probe(app, path);
    expect(res.status).toBe(status);
    expect(res.text).toBe(body);
    expect(Object.keys(res.body)).toEqual(['status']);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
  }

  describe('live', () => {
    it('answers 200 {"status":"up"}', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
      await expectAnswer('/health/live', 200, UP);
    });

    it('never runs a readiness or startup check, only liveness checks', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
      for (let i = 0; i < 3; i++) await expectAnswer('/health/live', 200, UP);
      expect(app.get(HealthyHealth).runs).toBe(0);
      expect(app.get(StartupHealth).runs).toBe(0);
      expect(app.get(LivenessHealth).runs).toBe(3);
    });

    it('stays 200 while a critical readiness check is down', async () => {
      app = await bootstrap(adapter, AppModule.registerCriticalFailure());
      await expectAnswer('/health/ready', 503, DOWN);
      await expectAnswer('/health/live', 200, UP);
    });

    it('answers 503 {"status":"down"} when a liveness check fails', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
      app.get(LivenessHealth).alive = false;
      await expectAnswer('/health/live', 503, DOWN);
    });
  });

  describe('ready', () => {
    it('answers 200 {"status":"up"} when every check is up, running only readiness checks', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
      await expectAnswer('/health/ready', 200, UP);
      expect(app.get(HealthyHealth).runs).toBe(1);
      expect(app.get(LivenessHealth).runs).toBe(0);
      // Ready implies started: the first readiness probe ran the startup check once to open the gate.
      expect(app.get(StartupHealth).runs).toBe(1);
      await expectAnswer('/health/ready', 200, UP);
      expect(app.get(StartupHealth).runs).toBe(1);
    });

    it('answers 200 {"status":"degraded"} when a non-critical check is down', async () => {
      app = await bootstrap(adapter, AppModule.registerOptionalFailure());
      await expectAnswer('/health/ready', 200, DEGRADED);
    });

    it('answers 200 {"status":"degraded"} when a check returns degraded()', async () => {
      app = await bootstrap(adapter, AppModule.registerDegraded());
      await expectAnswer('/health/ready', 200, DEGRADED);
    });

    it('answers 503 {"status":"down"} when a critical check is down, with no error text', async () => {
      app = await bootstrap(adapter, AppModule.registerCriticalFailure());
      await expectAnswer('/health/ready', 503, DOWN);
      expect(app.get(FailingHealth).runs).toBe(1);
    });

    it('counts a check returning false as down', async () => {
      app = await bootstrap(adapter, AppModule.registerFalseReturning());
      await expectAnswer('/health/ready', 503, DOWN);
      const details = await probe(app, '/health/details', 'admin');
      expect(details.body.checks['FalseReturningHealth.featureFlags']).toMatchObject({
        status: 'down',
        error: CHECK_RETURNED_FALSE,
      });
    });
  });

  describe('probe option', () => {
    it('runs a check given probe: [startup, readiness] for both probes, not for live', async () => {
      app = await bootstrap(adapter, AppModule.registerMultiProbe());
      const schema = app.get(SchemaHealth);
      await expectAnswer('/health/live', 200, UP);
      expect(schema.runs).toBe(0);
      await expectAnswer('/health/startup', 200, UP);
      expect(schema.runs).toBe(1);
      await expectAnswer('/health/ready', 200, UP);
      expect(schema.runs).toBe(2);
      const details = await probe(app, '/health/details', 'admin');
      expect(details.body.checks['SchemaHealth.migrated'].probes).toEqual(['startup', 'readiness']);
      expect(details.body.checks['HealthyHealth.ping'].probes).toEqual(['readiness']);
    });
  });

  describe('@nestjs/terminus results', () => {
    it('reads an up HealthIndicatorResult as up', async () => {
      app = await bootstrap(adapter, AppModule.registerTerminus());
      await expectAnswer('/health/ready', 200, UP);
    });

    it('reads a down HealthIndicatorResult as down: readiness 503', async () => {
      app = await bootstrap(adapter, AppModule.registerTerminus());
      app.get(TerminusHealth).replica = 'down';
      await expectAnswer('/health/ready', 503, DOWN);
    });

    it('keeps the indicator data as the check details', async () => {
      app = await bootstrap(adapter, AppModule.registerTerminus());
      app.get(TerminusHealth).primary = 'down';
      const res = await probe(app, '/health/details', 'admin');
      expect(res.body.checks['TerminusHealth.primaryDatabase']).toMatchObject({
        status: 'down',
        details: {
          database: {
            status: 'down',
            role: 'primary',
            message: 'connect ECONNREFUSED',
          },
        },
      });
    });
  });

  describe('timeout', () => {
    it('aborts the AbortSignal given to the check at its timeout, and answers down', async () => {
      app = await bootstrap(adapter, AppModule.registerTimeout());
      await expectAnswer('/health/ready', 503, DOWN);

      const check = app.get(TimingOutHealth);
      expect(check.abortedOnEntry).toBe(false);
      expect(check.signal?.aborted).toBe(true);
      expect(check.signal?.reason).toBeInstanceOf(HealthCheckTimeoutError);
      const abortedAfter = check.abortedAt - check.startedAt;
      expect(abortedAfter).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 5);
      // The check never settles on its own: any bound proves the abort; this one is wide for loaded cores.
      expect(abortedAfter).toBeLessThan(SHORT_TIMEOUT_MS + 1_000);

      const details = await probe(app, '/health/details', 'admin');
      expect(details.body.checks['TimingOutHealth.upstream'].error).toContain(
        CHECK_TIMED_OUT(SHORT_TIMEOUT_MS),
      );
      expect(details.body.checks['HealthyHealth.ping'].status).toBe('up');
    });
  });

  describe('custom path', () => {
    it('serves the four endpoints under forRoot({ path }) and nothing under /health', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy({ path: '/ops/probes/' }));
      await expectAnswer('/ops/probes/live', 200, UP);
      await expectAnswer('/ops/probes/ready', 200, UP);
      await expectAnswer('/ops/probes/startup', 200, UP);
      expect((await probe(app, '/ops/probes/details', 'admin')).status).toBe(200);
      expect((await probe(app, '/health/ready')).status).toBe(404);
    });
  });
});
