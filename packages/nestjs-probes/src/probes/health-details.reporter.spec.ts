import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';
import { FakeCheck, type FakeLifecycle, fakeLifecycle } from './fake-check.testing';
import { HealthDetailsReporter } from './health-details.reporter';
import { type HealthLifecycleWatcher } from './health-lifecycle.watcher';
import { HealthProbeEvaluator } from './health-probe.evaluator';

describe('HealthDetailsReporter', () => {
  let registry: HealthCheckRegistry;
  let lifecycle: FakeLifecycle;
  let options: Pick<ResolvedHealthOptions, 'version'>;
  let evaluator: HealthProbeEvaluator;

  const reporter = () =>
    new HealthDetailsReporter(registry, evaluator, options as ResolvedHealthOptions);
  const add = (...checks: FakeCheck[]) => checks.forEach((check) => registry.add(check.runner));

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new HealthCheckRegistry();
    lifecycle = fakeLifecycle();
    options = { version: '1.2.3' };
    evaluator = new HealthProbeEvaluator(registry, lifecycle as HealthLifecycleWatcher);
  });
  afterEach(() => jest.useRealTimers());

  describe('report', () => {
    it('describes every check and every probe', async () => {
      jest.setSystemTime(new Date('2024-05-01T10:00:00.000Z'));
      const database = new FakeCheck('database', { probes: ['readiness', 'startup'] }, 20);
      const cache = new FakeCheck('cache', { critical: false });
      const heap = new FakeCheck('heap', { probes: ['liveness'] });
      cache.status = 'down';
      add(database, cache, heap);
      const reporting = reporter().report();
      await jest.advanceTimersByTimeAsync(20);
      const report = await reporting;

      expect(report).toEqual({
        status: 'degraded',
        probes: { liveness: 'up', readiness: 'degraded', startup: 'up' },
        version: '1.2.3',
        uptimeSeconds: expect.any(Number),
        timestamp: '2024-05-01T10:00:00.020Z',
        checks: {
          database: {
            status: 'up',
            critical: true,
            probes: ['readiness', 'startup'],
            durationMs: 20,
            checkedAt: '2024-05-01T10:00:00.020Z',
            details: { name: 'database' },
            since: '2024-05-01T10:00:00.020Z',
            transitions: [{ to: 'up', at: '2024-05-01T10:00:00.020Z' }],
            streak: { status: 'passing', runs: 1 },
          },
          cache: {
            status: 'down',
            critical: false,
            probes: ['readiness'],
            durationMs: 0,
            checkedAt: '2024-05-01T10:00:00.000Z',
            error: 'cache failed: password=***',
            since: '2024-05-01T10:00:00.000Z',
            transitions: [
              { to: 'down', at: '2024-05-01T10:00:00.000Z', error: 'cache failed: password=***' },
            ],
            streak: { status: 'failing', runs: 1 },
          },
          heap: {
            status: 'up',
            critical: true,
            probes: ['liveness'],
            durationMs: 0,
            checkedAt: '2024-05-01T10:00:00.000Z',
            details: { name: 'heap' },
            since: '2024-05-01T10:00:00.000Z',
            transitions: [{ to: 'up', at: '2024-05-01T10:00:00.000Z' }],
            streak: { status: 'passing', runs: 1 },
          },
        },
      });
    });

    it('has the readiness status: down when a critical check is down', async () => {
      const database = new FakeCheck('database');
      database.status = 'down';
      add(database);
      await expect(reporter().report()).resolves.toMatchObject({
        status: 'down',
        probes: { readiness: 'down' },
      });
    });

    it('is down while shutting down, still describing the checks', async () => {
      add(new FakeCheck('database'));
      lifecycle.shuttingDown = true;
      const report = await reporter().report();
      expect(report.status).toBe('down');
      expect(report.probes.readiness).toBe('down');
      expect(report.checks.database.status).toBe('up');
    });

    it('shows startup down before bootstrap', async () => {
      lifecycle.bootstrapped = false;
      await expect(reporter().report()).resolves.toMatchObject({
        probes: { startup: 'down' },
      });
    });

    it('leaves out the version when there is none', async () => {
      options = { version: undefined };
      expect(await reporter().report()).not.toHaveProperty('version');
    });

    it('shares fresh results with the probes instead of running checks again', async () => {
      const database = new FakeCheck('database');
      add(database);
      const subject = reporter();
      await evaluator.readiness();
      await subject.report();
      expect(evaluator.readiness()).toBe('up');
      expect(database.invoke).toHaveBeenCalledTimes(1);
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
      'lists a check named %s as an entry of its own, in JSON too',
      async (name) => {
        add(new FakeCheck(name), new FakeCheck('database'));
        const { checks } = await reporter().report();
        expect(Object.keys(checks)).toEqual([name, 'database']);
        expect(Object.getOwnPropertyDescriptor(checks, name)?.value).toMatchObject({
          status: 'up',
          details: { name },
        });
        const parsed = JSON.parse(JSON.stringify({ checks })).checks;
        expect(Object.keys(parsed)).toEqual([name, 'database']);
      },
    );

    it('runs a ttl-0 startup check once per report, not again for the startup status', async () => {
      const warmup = new FakeCheck('warmup', { probes: ['startup'], ttl: 0 });
      warmup.status = 'down';
      add(warmup);
      const report = await reporter().report();
      expect(report.probes.startup).toBe('down');
      expect(warmup.invoke).toHaveBeenCalledTimes(1);
    });
  });
});
