import { type INestApplication } from '@nestjs/common';
import { CHECK_RESULT_STALE } from '../../src/health.messages';
import { AppModule } from '../src/app.module';
import {
  BACKGROUND_STALE_AFTER_MS,
  BACKGROUND_TTL_MS,
  BackgroundHealth,
} from '../src/background.health';
import { CACHED_TTL_MS, CachedHealth } from '../src/cached.health';
import { PlainHealth } from '../src/plain.health';
import { SlowHealth } from '../src/slow.health';
import { TerminusHealth } from '../src/terminus.health';
import { ADAPTERS, bootstrap, probe, sleep } from '../src/test-app.util';

describe.each(ADAPTERS)('caching (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  describe('ttl', () => {
    it('reuses a result for ttl, then runs the check again', async () => {
      app = await bootstrap(adapter, AppModule.registerCached());
      const cached = app.get(CachedHealth);
      for (let i = 0; i < 10; i++) {
        expect((await probe(app, '/health/ready')).status).toBe(200);
      }
      expect(cached.runs).toBe(1);

      await sleep(CACHED_TTL_MS + 50);
      await probe(app, '/health/ready');
      expect(cached.runs).toBe(2);
    });

    it('takes ttl from defaults.ttl, 5000 ms unless set', async () => {
      app = await bootstrap(adapter, AppModule.registerPlain());
      for (let i = 0; i < 5; i++) await probe(app, '/health/ready');
      expect(app.get(PlainHealth).runs).toBe(1);
    });

    it('takes ttl from defaults.ttl when set', async () => {
      app = await bootstrap(adapter, AppModule.registerPlain({ defaults: { ttl: 0 } }));
      for (let i = 0; i < 5; i++) await probe(app, '/health/ready');
      expect(app.get(PlainHealth).runs).toBe(5);
    });

    it('runs a ttl 0 check on every probe that comes after the last run', async () => {
      app = await bootstrap(adapter, AppModule.registerSlow());
      for (let i = 0; i < 3; i++) await probe(app, '/health/ready');
      expect(app.get(SlowHealth).runs).toBe(3);
    });

    it('keys results by check, not by a name: two Terminus checks reporting the same key', async () => {
      app = await bootstrap(adapter, AppModule.registerTerminus());
      app.get(TerminusHealth).replica = 'down';
      const res = await probe(app, '/health/details', 'admin');
      expect(res.body.checks['TerminusHealth.primaryDatabase'].status).toBe('up');
      expect(res.body.checks['TerminusHealth.replicaDatabase'].status).toBe('down');
    });
  });

  describe('single flight', () => {
    it('runs a 150 ms ttl 0 check at most twice for 40 simultaneous probes', async () => {
      app = await bootstrap(adapter, AppModule.registerSlow());
      const slow = app.get(SlowHealth);
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => probe(app, '/health/ready')),
      );

      expect(answers.map((res) => res.text)).toEqual(Array(40).fill('{"status":"up"}'));
      expect(slow.runs).toBeGreaterThanOrEqual(1);
      expect(slow.runs).toBeLessThanOrEqual(2);
      expect(slow.maxActive).toBe(1);
    });

    it('lets the details endpoint share the run in flight', async () => {
      app = await bootstrap(adapter, AppModule.registerSlow());
      await Promise.all([
        probe(app, '/health/ready'),
        probe(app, '/health/details', 'admin'),
        probe(app, '/health/ready'),
      ]);
      expect(app.get(SlowHealth).runs).toBe(1);
    });
  });

  describe('background refresh', () => {
    let background: BackgroundHealth;

    beforeEach(async () => {
      app = await bootstrap(adapter, AppModule.registerBackground());
      background = app.get(BackgroundHealth);
    });

    it('runs the check every ttl without any probe', async () => {
      await sleep(BACKGROUND_TTL_MS * 4.5);
      expect(background.runs).toBeGreaterThanOrEqual(3);
      expect(background.runs).toBeLessThanOrEqual(6);
    });

    it('answers from the last result without waiting on a hanging dependency', async () => {
      expect((await probe(app, '/health/ready')).status).toBe(200);
      background.mode = 'hang';
      await sleep(BACKGROUND_TTL_MS * 1.5);

      const startedAt = performance.now();
      const res = await probe(app, '/health/ready');
      expect(res.text).toBe('{"status":"up"}');
      // Waiting on the hanging run would take its 2 s timeout; the slack is for loaded CI cores.
      expect(performance.now() - startedAt).toBeLessThan(1_500);
    });

    it('turns readiness down after a failing refresh, with no probe involved', async () => {
      expect((await probe(app, '/health/ready')).status).toBe(200);
      background.mode = 'down';
      await sleep(BACKGROUND_TTL_MS * 2.5);
      expect((await probe(app, '/health/ready')).text).toBe('{"status":"down"}');
      const details = await probe(app, '/health/details', 'admin');
      expect(details.body.checks['BackgroundHealth.replica'].error).toBe('replica lagging');
    });

    it('counts a result older than staleAfter as down', async () => {
      expect((await probe(app, '/health/ready')).status).toBe(200);
      background.mode = 'hang';
      await sleep(BACKGROUND_STALE_AFTER_MS + BACKGROUND_TTL_MS * 2);

      const res = await probe(app, '/health/ready');
      expect(res.status).toBe(503);
      expect(res.text).toBe('{"status":"down"}');
      const details = await probe(app, '/health/details', 'admin');
      const check = details.body.checks['BackgroundHealth.replica'];
      expect(check.status).toBe('down');
      const ageMs = Number(/(\d+) ms old/.exec(check.error)?.[1]);
      expect(ageMs).toBeGreaterThan(BACKGROUND_STALE_AFTER_MS);
      expect(check.error).toBe(CHECK_RESULT_STALE(ageMs, BACKGROUND_STALE_AFTER_MS));
    });
  });
});
