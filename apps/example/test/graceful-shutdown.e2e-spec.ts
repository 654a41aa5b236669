import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  waitForFreePort,
  pollUntil,
  ThrowawayPostgres,
  ThrowawayRedis,
} from '@internal/test-servers';
import { runBoundedLoad } from './support/bounded-load';
import { ExampleAppProcess } from './support/example-app.process';
import { placeOrder } from './support/orders';
import { SimulatedLoadBalancer } from './support/simulated-load-balancer';
import { startSlowUpload } from './support/slow-upload';

jest.setTimeout(60_000);

const DRAIN_MS = 2_000;
const BALANCER_PERIOD_MS = 100;
/** Kubernetes' default terminationGracePeriodSeconds. */
const GRACE_MS = 30_000;

describe('example app: SIGTERM under load (node dist/apps/example/main.js)', () => {
  let postgres: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let app: ExampleAppProcess;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([ThrowawayPostgres.start(), ThrowawayRedis.start()]);
    app = await ExampleAppProcess.start({
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    });
    await app.waitFor('/health/ready', 200);
  });

  afterAll(async () => {
    await app?.kill();
    await Promise.all([postgres?.destroy(), redis?.destroy()]);
  });

  it('goes unready at once, drains, finishes in-flight requests, fails none, and exits 0', async () => {
    const port = Number(new URL(app.url).port);
    const orderId = await placeOrder(app);
    const balancer = new SimulatedLoadBalancer(app, BALANCER_PERIOD_MS);
    balancer.start();
    const load = runBoundedLoad(app, balancer, { workers: 8, maxMs: 10_000, orderId });
    await sleep(500);
    const upload = startSlowUpload(app.url);
    await sleep(50);

    const sigtermAt = performance.now();
    app.signal('SIGTERM');
    const msTo503 = await pollUntil(
      async () => (await app.fetch('/health/ready').catch(() => undefined))?.status === 503,
      { what: 'readiness 503 after SIGTERM', timeoutMs: DRAIN_MS, intervalMs: 2 },
    );
    const live = await app.fetch('/health/live');
    // Free to bind once the app has closed its listener: new connections would be refused.
    await waitForFreePort(port, DRAIN_MS + 5_000);
    const listenerClosedAfterMs = performance.now() - sigtermAt;
    const uploadStatus = await upload.finish();
    const exit = await app.exited;
    const exitedAfterMs = performance.now() - sigtermAt;
    const figures = await load;
    await balancer.stop();

    const report = {
      msTo503: Math.round(msTo503),
      balancerRemovedAfterMs: Math.round((balancer.removedAt ?? NaN) - sigtermAt),
      listenerClosedAfterMs: Math.round(listenerClosedAfterMs),
      exitedAfterMs: Math.round(exitedAfterMs),
      requestsSent: figures.sent,
      requestsFailed: figures.failed,
      slowUploadStatus: uploadStatus,
      exit,
    };
    process.stdout.write(`graceful shutdown figures: ${JSON.stringify(report)}\n`);

    expect(figures.failures).toEqual([]);
    expect(figures.sent).toBeGreaterThan(20);
    // At once: well inside the drain, whatever the load on CI's cores.
    expect(msTo503).toBeLessThan(DRAIN_MS / 2);
    expect(live.status).toBe(200);
    expect(report.balancerRemovedAfterMs).toBeLessThan(DRAIN_MS);
    expect(listenerClosedAfterMs).toBeGreaterThanOrEqual(DRAIN_MS);
    expect(uploadStatus).toBe(201);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(GRACE_MS);
    expect(app.logs).toContain(`serving on for ${DRAIN_MS} ms`);
  });
});
