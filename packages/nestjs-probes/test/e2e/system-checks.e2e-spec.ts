import { type INestApplication } from '@nestjs/common';
import { HealthConfigurationError } from 'nestjs-probes';
import { DiskHealthModule, EventLoopHealthModule, MemoryHealthModule } from 'nestjs-probes/system';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INVALID_READY_MADE_OPTION,
  UNKNOWN_READY_MADE_OPTION,
} from '../../src/ready-made/ready-made.messages';
import { EXPECTED_READY_MADE } from '../../src/ready-made/ready-made.validation';
import {
  DISK_SPACE_LOW,
  EVENT_LOOP_DELAYED,
  EXPECTED_THRESHOLD_ORDER,
  MEMORY_HIGH,
} from '../../src/system/system.messages';
import { AppModule } from '../src/app.module';
import {
  ADAPTERS,
  bootstrap,
  probe,
  sleep,
  failOnUnhandledRejections,
  bootstrapError,
} from '../src/test-app.util';

type Imports = Parameters<typeof AppModule.registerChecks>[2];

const withChecks = (...modules: NonNullable<Imports>) => AppModule.registerChecks([], {}, modules);

const MISSING_PATH = join(tmpdir(), 'nestjs-probes-e2e', 'no-such-mount');
/** More free space than any disk has. */
const HUGE = Number.MAX_SAFE_INTEGER;

/** Keeps the event loop busy for `ms`: what a synchronous hot path does to every request. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe.each(ADAPTERS)('system checks (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });
  failOnUnhandledRejections();

  const details = async () => (await probe(app, '/health/details', 'admin')).body;

  describe('DiskHealthModule', () => {
    it('is up with free and total bytes and the free percentage, never the path', async () => {
      app = await bootstrap(adapter, withChecks(DiskHealthModule.register({ path: tmpdir() })));
      await probe(app, '/health/ready').expect(200, { status: 'up' });
      const check = (await details()).checks.disk;
      expect(check).toMatchObject({ status: 'up', critical: true, probes: ['readiness'] });
      expect(check.details).toEqual({
        freeBytes: expect.any(Number),
        totalBytes: expect.any(Number),
        freePercent: expect.any(Number),
      });
      expect(check.details.freeBytes).toBeLessThanOrEqual(check.details.totalBytes);
      expect(JSON.stringify(check)).not.toContain(tmpdir());
    });

    it('answers 503, not 500, on a missing path when critical, liveness staying 200', async () => {
      app = await bootstrap(
        adapter,
        withChecks(DiskHealthModule.register({ path: MISSING_PATH, ttl: 0 })),
      );
      await probe(app, '/health/ready').expect(503, { status: 'down' });
      await probe(app, '/health/live').expect(200, { status: 'up' });
      const check = (await details()).checks.disk;
      expect(check.status).toBe('down');
      expect(check.error).toContain('ENOENT');
      expect(check.error).not.toContain('no-such-mount');
    });

    it('answers 200 degraded on a missing path when not critical', async () => {
      app = await bootstrap(
        adapter,
        withChecks(DiskHealthModule.register({ path: MISSING_PATH, critical: false })),
      );
      await probe(app, '/health/ready').expect(200, { status: 'degraded' });
    });

    it('is down below downBelow and degraded below degradedBelow, with the figures', async () => {
      app = await bootstrap(
        adapter,
        withChecks(
          DiskHealthModule.register({ name: 'disk-full', downBelow: { bytes: HUGE } }),
          DiskHealthModule.register({
            name: 'disk-low',
            critical: false,
            downBelow: { bytes: 1 },
            degradedBelow: { bytes: HUGE },
          }),
        ),
      );
      await probe(app, '/health/ready').expect(503, { status: 'down' });
      const { checks } = await details();
      const full = checks['disk-full'];
      expect(full).toMatchObject({
        status: 'down',
        error: DISK_SPACE_LOW('bytes', full.details.freeBytes, HUGE),
        details: { freeBytes: expect.any(Number), totalBytes: expect.any(Number) },
      });
      const low = checks['disk-low'];
      expect(low).toMatchObject({
        status: 'degraded',
        error: DISK_SPACE_LOW('bytes', low.details.freeBytes, HUGE),
      });
    });
  });

  describe('MemoryHealthModule', () => {
    it('is up with heap and RSS figures', async () => {
      app = await bootstrap(adapter, withChecks(MemoryHealthModule.register()));
      await probe(app, '/health/ready').expect(200, { status: 'up' });
      const { details: figures } = (await details()).checks.memory;
      expect(figures).toEqual({
        heapUsedBytes: expect.any(Number),
        heapLimitBytes: expect.any(Number),
        heapUsedPercent: expect.any(Number),
        rssBytes: expect.any(Number),
      });
      expect(figures.heapUsedBytes).toBeLessThan(figures.heapLimitBytes);
    });

    it('is degraded above degradedAbove', async () => {
      app = await bootstrap(
        adapter,
        withChecks(MemoryHealthModule.register({ degradedAbove: { heapBytes: 1 } })),
      );
      await probe(app, '/health/ready').expect(200, { status: 'degraded' });
      const check = (await details()).checks.memory;
      expect(check.error).toBe(MEMORY_HIGH('heapBytes', check.details.heapUsedBytes, 1));
    });

    it('fails the liveness probe above downAbove when registered for liveness', async () => {
      app = await bootstrap(
        adapter,
        withChecks(MemoryHealthModule.register({ probe: 'liveness', downAbove: { rssBytes: 1 } })),
      );
      await probe(app, '/health/live').expect(503, { status: 'down' });
      await probe(app, '/health/ready').expect(200, { status: 'up' });
    });
  });

  describe('EventLoopHealthModule', () => {
    const RESOLUTION_MS = 10;

    /** Runs the check once, so the next run's window starts now. */
    async function startWindow(path = '/health/live') {
      await probe(app, path);
      // The sampling interval in progress at a run is not counted (see EventLoopHealthCheck).
      await sleep(3 * RESOLUTION_MS);
    }

    it('is up with p50, p99 and max on an idle loop, from the liveness probe', async () => {
      app = await bootstrap(
        adapter,
        withChecks(EventLoopHealthModule.register({ probe: 'liveness', ttl: 0 })),
      );
      await startWindow();
      await sleep(100);
      await probe(app, '/health/live').expect(200, { status: 'up' });
      const check = (await details()).checks['event-loop'];
      expect(check.probes).toEqual(['liveness']);
      expect(check.details).toEqual({
        p50Ms: expect.any(Number),
        p99Ms: expect.any(Number),
        maxMs: expect.any(Number),
        samples: expect.any(Number),
      });
    });

    it('is degraded on the run after a blocked loop, and up again on the one after', async () => {
      app = await bootstrap(
        adapter,
        withChecks(
          EventLoopHealthModule.register({ probe: 'liveness', ttl: 0, degradedAboveMs: 200 }),
        ),
      );
      await startWindow('/health/details');
      blockEventLoop(400);
      const check = (await details()).checks['event-loop'];
      expect(check.status).toBe('degraded');
      expect(check.details.p99Ms).toBeGreaterThan(200);
      expect(check.error).toBe(EVENT_LOOP_DELAYED(check.details.p99Ms, 200));

      await startWindow();
      blockEventLoop(400);
      await probe(app, '/health/live').expect(200, { status: 'degraded' });
      await sleep(50);
      await probe(app, '/health/live').expect(200, { status: 'up' });
    });

    it('is down above downAboveMs: readiness 503 when critical', async () => {
      app = await bootstrap(
        adapter,
        withChecks(
          EventLoopHealthModule.register({ ttl: 0, degradedAboveMs: 50, downAboveMs: 200 }),
        ),
      );
      await startWindow('/health/ready');
      blockEventLoop(400);
      await probe(app, '/health/ready').expect(503, { status: 'down' });
    });
  });
});

describe('system check options', () => {
  it('fails bootstrap on a bad disk threshold, naming module, class and option', async () => {
    const error = await bootstrapError(
      withChecks(DiskHealthModule.register({ downBelow: { percent: 0 } })),
    );
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'DiskHealthModule',
        'DiskHealthCheck',
        'downBelow.percent',
        EXPECTED_READY_MADE.percent,
        0,
      ),
    );
  });

  it('fails bootstrap on memory thresholds in the wrong order', async () => {
    const error = await bootstrapError(
      withChecks(
        MemoryHealthModule.register({
          degradedAbove: { rssBytes: 2048 },
          downAbove: { rssBytes: 1024 },
        }),
      ),
    );
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'MemoryHealthModule',
        'MemoryHealthCheck',
        'downAbove.rssBytes',
        EXPECTED_THRESHOLD_ORDER('more', 'degradedAbove.rssBytes', 2048, false),
        1024,
      ),
    );
  });

  it('fails bootstrap on an unknown event-loop option', async () => {
    const error = await bootstrapError(
      withChecks(EventLoopHealthModule.register({ thresholdMs: 5 } as never)),
    );
    expect((error as Error).message).toBe(
      UNKNOWN_READY_MADE_OPTION('EventLoopHealthModule', 'EventLoopHealthCheck', 'thresholdMs', [
        'name',
        'critical',
        'ttl',
        'timeout',
        'probe',
        'refresh',
        'staleAfter',
        'failureThreshold',
        'successThreshold',
        'imports',
        'degradedAboveMs',
        'downAboveMs',
        'resolutionMs',
      ]),
    );
  });
});
