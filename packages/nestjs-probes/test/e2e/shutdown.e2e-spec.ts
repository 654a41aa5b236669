import { type INestApplication } from '@nestjs/common';
import { Agent, get as httpGet } from 'node:http';
import { AppModule } from '../src/app.module';
import {
  BACKGROUND_LIVENESS_STALE_AFTER_MS,
  BACKGROUND_TTL_MS,
  BackgroundHealth,
  BackgroundLivenessHealth,
} from '../src/background.health';
import { ShutdownRecorder } from '../src/shutdown-recorder.module';
import { ADAPTERS, bootstrap, probe, sleep } from '../src/test-app.util';

describe.each(ADAPTERS)('shutdown (%s)', (adapter) => {
  let app: INestApplication;
  let closed: boolean;

  beforeEach(async () => {
    closed = false;
    app = await bootstrap(adapter, AppModule.registerShutdown());
  });

  afterEach(async () => {
    if (!closed) await app.close();
  });

  async function close() {
    closed = true;
    await app.close();
  }

  it('answers ready 503 {"status":"down"} once shutdown began, while live stays 200', async () => {
    expect((await probe(app, '/health/ready')).text).toBe('{"status":"up"}');
    const recorder = app.get(ShutdownRecorder);
    await close();

    const ready = recorder.answers.get('/health/ready');
    expect(ready).toMatchObject({
      status: 503,
      text: '{"status":"down"}',
      cacheControl: 'no-store',
    });
    expect(ready?.contentType).toMatch(/^application\/json/);
    const live = recorder.answers.get('/health/live');
    expect(live).toMatchObject({
      status: 200,
      text: '{"status":"up"}',
      cacheControl: 'no-store',
    });
    expect(live?.contentType).toMatch(/^application\/json/);
  });

  it('reports readiness down on the details endpoint during shutdown, checks still up', async () => {
    const recorder = app.get(ShutdownRecorder);
    await close();

    const details = recorder.answers.get('/health/details');
    expect(details?.status).toBe(503);
    expect(details?.body.status).toBe('down');
    expect(details?.body.probes).toMatchObject({
      readiness: 'down',
      liveness: 'up',
    });
    expect(details?.body.checks['HealthyHealth.ping'].status).toBe('up');
  });

  it('stops refreshing background checks', async () => {
    const background = app.get(BackgroundHealth);
    await sleep(BACKGROUND_TTL_MS * 2);
    expect(background.runs).toBeGreaterThan(1);
    await close();
    const runs = background.runs;
    await sleep(BACKGROUND_TTL_MS * 3);
    expect(background.runs).toBe(runs);
  });

  describe('with a drain delay', () => {
    const DRAIN_MS = 400;

    it('answers ready 503 at once, keeps serving for the drain delay, then closes', async () => {
      await app.close();
      app = await bootstrap(
        adapter,
        AppModule.registerShutdown({ shutdown: { drainDelay: DRAIN_MS } }),
      );
      await app.listen(0, '127.0.0.1');
      const base = await app.getUrl();
      const get = async (path: string) => (await fetch(base + path)).status;
      expect(await get('/health/ready')).toBe(200);

      const closeStarted = Date.now();
      let closedAt = 0;
      const closing$ = close().then(() => (closedAt = Date.now()));
      await sleep(20);
      expect(await get('/health/ready')).toBe(503);
      expect(await get('/health/live')).toBe(200);
      await sleep(DRAIN_MS / 2);
      expect(closedAt).toBe(0);
      expect(await get('/health/live')).toBe(200);
      await closing$;
      expect(closedAt - closeStarted).toBeGreaterThanOrEqual(DRAIN_MS - 5);
      await expect(fetch(base + '/health/live')).rejects.toThrow();
    });

    it('keeps a background liveness check fresh through the drain: live stays 200', async () => {
      const drainMs = BACKGROUND_LIVENESS_STALE_AFTER_MS * 4;
      await app.close();
      app = await bootstrap(
        adapter,
        AppModule.registerShutdown({ shutdown: { drainDelay: drainMs } }),
      );
      const closing$ = close();
      await sleep(20);
      const heartbeat = app.get(BackgroundLivenessHealth);
      const runsAtStart = heartbeat.runs;
      const answers: number[] = [];
      const pollUntil = Date.now() + drainMs - 100;
      while (Date.now() < pollUntil) {
        answers.push((await probe(app, '/health/live')).status);
        await sleep(50);
      }
      await closing$;
      expect(answers.length).toBeGreaterThan(10);
      expect(answers.filter((status) => status !== 200)).toEqual([]);
      expect(heartbeat.runs).toBeGreaterThan(runsAtStart);
    });

    it('answers Connection: close while draining, so keep-alive clients reconnect elsewhere', async () => {
      await app.close();
      app = await bootstrap(
        adapter,
        AppModule.registerShutdown({ shutdown: { drainDelay: DRAIN_MS } }),
      );
      await app.listen(0, '127.0.0.1');
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const base = await app.getUrl();
      const connectionHeader = (path: string) =>
        new Promise<string | undefined>((resolve, reject) => {
          httpGet(base + path, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.headers.connection));
          }).on('error', reject);
        });
      try {
        expect(await connectionHeader('/health/live')).toBe('keep-alive');
        expect(await connectionHeader('/health/ready')).toBe('keep-alive');
        const closing$ = close();
        await sleep(20);
        expect(await connectionHeader('/health/live')).toBe('close');
        expect(await connectionHeader('/health/ready')).toBe('close');
        await closing$;
      } finally {
        agent.destroy();
      }
    });
  });
});
