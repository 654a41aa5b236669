import { type INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module';
import {
  SLOW_RUN_MS,
  SLOW_TTL_MS,
  SlowFirstRunBackgroundHealth,
  SlowLivenessStartupHealth,
  SlowReadinessHealth,
} from '../src/deadline.health';
import { FailingHealth } from '../src/failing.health';
import { StartupHealth } from '../src/startup.health';
import { ADAPTERS, bootstrap, probe, sleep } from '../src/test-app.util';

const PROBE_TIMEOUT_MS = 300;
/** Generous slack over the 300 ms deadline, for two shared cores. */
const ANSWER_BOUND_MS = 1_500;

async function timed(app: INestApplication, path: string) {
  const startedAt = performance.now();
  const res = await probe(app, path);
  return { res, elapsedMs: performance.now() - startedAt };
}

describe.each(ADAPTERS)('probe deadline (%s)', (adapter) => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  describe('probeTimeout', () => {
    it('answers /ready 503 down within probeTimeout while a 2 s check runs, then 200 from its kept result', async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerSlowReadiness({ probeTimeout: PROBE_TIMEOUT_MS }),
      );
      const check = app.get(SlowReadinessHealth);

      const first = await timed(app, '/health/ready');
      expect(first.res.status).toBe(503);
      expect(first.res.text).toBe('{"status":"down"}');
      expect(first.elapsedMs).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 20);
      expect(first.elapsedMs).toBeLessThan(ANSWER_BOUND_MS);
      expect(check.runs).toBe(1);

      // The run goes on (single flight): a probe meanwhile waits on it, not on a new one.
      const meanwhile = await timed(app, '/health/ready');
      expect(meanwhile.res.status).toBe(503);
      expect(meanwhile.elapsedMs).toBeLessThan(ANSWER_BOUND_MS);
      expect(check.runs).toBe(1);

      await sleep(SLOW_RUN_MS - first.elapsedMs - meanwhile.elapsedMs + 200);
      const later = await timed(app, '/health/ready');
      expect(later.res.status).toBe(200);
      expect(later.res.text).toBe('{"status":"up"}');
      expect(later.elapsedMs).toBeLessThan(ANSWER_BOUND_MS);
      expect(check.runs).toBe(1);
    });

    it('bounds /live and /startup the same way, both sharing the one run', async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerSlowLivenessStartup({ probeTimeout: PROBE_TIMEOUT_MS }),
      );
      const check = app.get(SlowLivenessStartupHealth);

      for (const path of ['/health/live', '/health/startup']) {
        const { res, elapsedMs } = await timed(app, path);
        expect(res.status).toBe(503);
        expect(res.text).toBe('{"status":"down"}');
        expect(elapsedMs).toBeLessThan(ANSWER_BOUND_MS);
      }
      expect(check.runs).toBe(1);

      await sleep(SLOW_RUN_MS);
      expect((await probe(app, '/health/live')).text).toBe('{"status":"up"}');
      expect((await probe(app, '/health/startup')).text).toBe('{"status":"up"}');
      expect(check.runs).toBe(1);
    });

    it('lets /details wait on the run, up to the check timeout', async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerSlowReadiness({ probeTimeout: PROBE_TIMEOUT_MS }),
      );
      const startedAt = performance.now();
      const res = await probe(app, '/health/details', 'admin');
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(SLOW_RUN_MS - 50);
      expect(res.status).toBe(200);
      expect(res.body.checks['slow-readiness'].status).toBe('up');
    });
  });

  describe('background checks at bootstrap', () => {
    it('runs each background check once before bootstrap ends, so the first /ready waits on nothing', async () => {
      app = await bootstrap(adapter, AppModule.registerSlowFirstRun());
      const check = app.get(SlowFirstRunBackgroundHealth);
      // The first run had settled when bootstrap ended...
      expect(check).toMatchObject({ runs: 1, settled: 1 });

      // ...so /ready answers from it: no new run starts, none is in flight to wait on.
      const res = await probe(app, '/health/ready');
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"status":"up"}');
      expect(check).toMatchObject({ runs: 1, settled: 1 });
    });
  });

  describe('Retry-After', () => {
    it('is the down check ttl in whole seconds on a 503 from /ready and /startup', async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerSlowLivenessStartup({ probeTimeout: PROBE_TIMEOUT_MS }),
      );
      for (const path of ['/health/startup', '/health/ready']) {
        const res = await probe(app, path);
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe(String(SLOW_TTL_MS / 1000));
      }
    });

    it('is at least 1 s, for a ttl 0 check', async () => {
      app = await bootstrap(adapter, AppModule.registerCriticalFailure());
      const res = await probe(app, '/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(app.get(FailingHealth).runs).toBeGreaterThan(0);
    });

    it('follows the startup checks on /startup and on /ready before startup opened', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
      app.get(StartupHealth).passing = false;
      for (const path of ['/health/startup', '/health/ready']) {
        const res = await probe(app, path);
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('1');
      }
    });

    it('is the drain delay, rounded up, while shutting down', async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerShutdown({ shutdown: { drainDelay: 1_200 } }),
      );
      expect((await probe(app, '/health/ready')).status).toBe(200);
      const closing = app.close();
      await sleep(20);
      const res = await probe(app, '/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      await closing;
      app = undefined;
    });

    it('is absent from 200 answers', async () => {
      app = await bootstrap(adapter, AppModule.registerHealthy());
      for (const path of ['/health/startup', '/health/ready', '/health/live']) {
        const res = await probe(app, path);
        expect(res.status).toBe(200);
        expect(res.headers['retry-after']).toBeUndefined();
      }
    });
  });
});
