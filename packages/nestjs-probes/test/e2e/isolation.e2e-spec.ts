import { type INestApplication } from '@nestjs/common';
import { CHECK_TIMED_OUT } from '../../src/health.messages';
import { AppModule } from '../src/app.module';
import { HealthyHealth } from '../src/healthy.health';
import { ParallelHealth } from '../src/slow.health';
import { LATE_REJECTION_MS, THROWING_TIMEOUT_MS, ThrowingHealth } from '../src/throwing.health';
import { ADAPTERS, bootstrap, hostProcess, probe, sleep } from '../src/test-app.util';

describe('unhandled rejection spy (control)', () => {
  it('sees a rejection nobody handles in time', async () => {
    const spy = jest.fn();
    hostProcess().on('unhandledRejection', spy);
    try {
      const rejected = Promise.reject(new Error('control'));
      await sleep(10);
      expect(spy).toHaveBeenCalledWith(expect.objectContaining({ message: 'control' }), rejected);
      // Handled late (Node then emits `rejectionHandled`), so Jest does not fail this test for it.
      rejected.catch(() => undefined);
      await sleep(10);
    } finally {
      hostProcess().off('unhandledRejection', spy);
    }
  });
});

describe.each(ADAPTERS)('check isolation (%s)', (adapter) => {
  let app: INestApplication;
  let unhandledRejection: jest.Mock;

  beforeEach(() => {
    unhandledRejection = jest.fn();
    hostProcess().on('unhandledRejection', unhandledRejection);
  });

  afterEach(async () => {
    hostProcess().off('unhandledRejection', unhandledRejection);
    await app?.close();
  });

  it('keeps every misbehaving check to itself: readiness 200 degraded, others up', async () => {
    app = await bootstrap(adapter, AppModule.registerIsolation());
    const startedAt = performance.now();
    const ready = await probe(app, '/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.text).toBe('{"status":"degraded"}');
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(app.get(HealthyHealth).runs).toBe(1);
  });

  it('reports each failure as down with its own reason', async () => {
    app = await bootstrap(adapter, AppModule.registerIsolation());
    const { status, body } = await probe(app, '/health/details', 'admin');

    expect(status).toBe(200);
    const checks = body.checks;
    expect(checks['HealthyHealth.ping']).toMatchObject({
      status: 'up',
      details: { connections: 3 },
    });
    expect(checks['throws-error']).toMatchObject({
      status: 'down',
      error: 'driver exploded',
    });
    expect(checks['throws-non-error'].status).toBe('down');
    expect(checks['throws-non-error'].error).toContain('not an Error');
    expect(checks['rejects-without-reason'].status).toBe('down');
    expect(checks['rejects-without-reason'].error).toEqual(expect.any(String));
    for (const name of ['rejects-late', 'never-settles']) {
      expect(checks[name].status).toBe('down');
      expect(checks[name].error).toContain(CHECK_TIMED_OUT(THROWING_TIMEOUT_MS));
    }
  });

  it('leaves no unhandled rejection behind, even from a rejection after the timeout', async () => {
    app = await bootstrap(adapter, AppModule.registerIsolation());
    await probe(app, '/health/ready');
    await probe(app, '/health/details', 'admin');
    await sleep(LATE_REJECTION_MS + 100);

    expect(app.get(ThrowingHealth).lateRejections).toBeGreaterThanOrEqual(1);
    expect(unhandledRejection).not.toHaveBeenCalled();
  });

  it('keeps the application serving after the failures', async () => {
    app = await bootstrap(adapter, AppModule.registerIsolation());
    await probe(app, '/health/ready');
    await sleep(LATE_REJECTION_MS + 50);

    expect((await probe(app, '/health/live')).text).toBe('{"status":"up"}');
    expect((await probe(app, '/health/ready')).text).toBe('{"status":"degraded"}');
    expect(app.get(HealthyHealth).runs).toBe(2);
  });

  it('runs the checks of one probe concurrently', async () => {
    app = await bootstrap(adapter, AppModule.registerParallel());
    expect((await probe(app, '/health/ready')).status).toBe(200);
    expect(app.get(ParallelHealth).maxActive).toBe(2);
  });
});
