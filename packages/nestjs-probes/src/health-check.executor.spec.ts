import { type HealthCheckDefinition } from './health-check.definition';
import { HealthCheckExecutor } from './health-check.executor';
import { HealthCheckRegistry } from './health-check.registry';
import { HealthCheckRunner } from './health-check.runner';
import { type HealthLifecycleWatcher } from './health-lifecycle.watcher';
import { type HealthStatus } from './interfaces';
import { degraded } from './utils/health-status.util';
import { type ResolvedHealthOptions } from './utils/resolve-module-options.util';

const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn() };

/** A check whose outcome the test sets; it takes `delayMs` of fake time to run. */
class FakeCheck {
  status: HealthStatus = 'up';
  readonly invoke = jest.fn(async () => {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.status === 'down') throw new Error(`${this.name} failed: password=hunter2`);
    if (this.status === 'degraded') return degraded(`${this.name} is slow`);
    return { name: this.name };
  });
  readonly runner: HealthCheckRunner;

  constructor(
    readonly name: string,
    overrides: Partial<HealthCheckDefinition> = {},
    private readonly delayMs = 0,
  ) {
    const definition: HealthCheckDefinition = {
      name,
      owner: `Fake.${name}`,
      critical: true,
      ttl: 1_000,
      timeout: 500,
      probes: ['readiness'],
      refresh: 'on-probe',
      staleAfter: 2_500,
      invoke: this.invoke,
      ...overrides,
    };
    this.runner = new HealthCheckRunner(definition, logger);
  }
}

describe('HealthCheckExecutor', () => {
  let registry: HealthCheckRegistry;
  let lifecycle: Pick<HealthLifecycleWatcher, 'started' | 'shuttingDown'>;
  let options: Pick<ResolvedHealthOptions, 'version'>;

  const executor = () =>
    new HealthCheckExecutor(
      registry,
      lifecycle as HealthLifecycleWatcher,
      options as ResolvedHealthOptions,
    );
  const add = (...checks: FakeCheck[]) => checks.forEach((check) => registry.add(check.runner));

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new HealthCheckRegistry();
    lifecycle = { started: true, shuttingDown: false };
    options = { version: '1.2.3' };
  });
  afterEach(() => jest.useRealTimers());

  describe('readiness', () => {
    it('is up with no checks, synchronously', () => {
      expect(executor().readiness()).toBe('up');
    });

    it.each<[string, Array<[HealthStatus, boolean]>, HealthStatus]>([
      [
        'every check up',
        [
          ['up', true],
          ['up', false],
        ],
        'up',
      ],
      [
        'a critical check down',
        [
          ['up', true],
          ['down', true],
        ],
        'down',
      ],
      [
        'a non-critical check down',
        [
          ['up', true],
          ['down', false],
        ],
        'degraded',
      ],
      [
        'a critical check degraded',
        [
          ['degraded', true],
          ['up', true],
        ],
        'degraded',
      ],
      ['a non-critical check degraded', [['degraded', false]], 'degraded'],
      [
        'a critical down beside a non-critical down',
        [
          ['down', false],
          ['down', true],
        ],
        'down',
      ],
      [
        'a degraded beside a non-critical down',
        [
          ['degraded', true],
          ['down', false],
        ],
        'degraded',
      ],
    ])('with %s is %s', async (_case, specs, expected) => {
      specs.forEach(([status, critical], i) => {
        const check = new FakeCheck(`check${i}`, { critical });
        check.status = status;
        add(check);
      });
      await expect(executor().readiness()).resolves.toBe(expected);
    });

    it('answers synchronously, without running anything, while every result is fresh', async () => {
      const a = new FakeCheck('a');
      const b = new FakeCheck('b', { critical: false });
      b.status = 'down';
      add(a, b);
      const subject = executor();
      expect(subject.readiness()).toBeInstanceOf(Promise);
      await jest.advanceTimersByTimeAsync(0);
      expect(subject.readiness()).toBe('degraded');
      expect(subject.readiness()).toBe('degraded');
      expect(a.invoke).toHaveBeenCalledTimes(1);
      expect(b.invoke).toHaveBeenCalledTimes(1);
    });

    it('waits on the expired checks, re-running each once', async () => {
      const a = new FakeCheck('a', {}, 100);
      const b = new FakeCheck('b', { ttl: 10_000 }, 100);
      add(a, b);
      const subject = executor();
      const first = subject.readiness();
      await jest.advanceTimersByTimeAsync(100);
      await expect(first).resolves.toBe('up');
      await jest.advanceTimersByTimeAsync(1_000);
      a.status = 'down';
      const second = subject.readiness();
      expect(second).toBeInstanceOf(Promise);
      await jest.advanceTimersByTimeAsync(100);
      await expect(second).resolves.toBe('down');
      expect(a.invoke).toHaveBeenCalledTimes(2);
      expect(b.invoke).toHaveBeenCalledTimes(1);
    });

    it('runs the checks of a probe concurrently', async () => {
      const checks = [new FakeCheck('a', {}, 300), new FakeCheck('b', {}, 300)];
      add(...checks);
      const reading = executor().readiness();
      await jest.advanceTimersByTimeAsync(300);
      await expect(reading).resolves.toBe('up');
    });

    it('is down while the application shuts down, without running checks', () => {
      const check = new FakeCheck('a');
      add(check);
      lifecycle.shuttingDown = true;
      expect(executor().readiness()).toBe('down');
      expect(check.invoke).not.toHaveBeenCalled();
    });

    it('ignores liveness checks', async () => {
      const live = new FakeCheck('live', { probes: ['liveness'] });
      live.status = 'down';
      add(live);
      expect(executor().readiness()).toBe('up');
      expect(live.invoke).not.toHaveBeenCalled();
    });

    it('is down before bootstrap ends, even with every check up', () => {
      const check = new FakeCheck('a');
      add(check);
      lifecycle.started = false;
      expect(executor().readiness()).toBe('down');
      expect(check.invoke).not.toHaveBeenCalled();
    });

    it('is down until the startup probe has opened, then no longer runs startup checks', async () => {
      const ready = new FakeCheck('ready');
      const startup = new FakeCheck('startup', { probes: ['startup'], ttl: 0 });
      startup.status = 'down';
      add(ready, startup);
      const subject = executor();

      await expect(subject.readiness()).resolves.toBe('down');
      expect(ready.invoke).not.toHaveBeenCalled();

      startup.status = 'up';
      await expect(subject.readiness()).resolves.toBe('up');
      expect(startup.invoke).toHaveBeenCalledTimes(2);

      startup.status = 'down';
      await expect(Promise.resolve(subject.readiness())).resolves.toBe('up');
      expect(startup.invoke).toHaveBeenCalledTimes(2);
    });
  });

  describe('liveness', () => {
    it('is up with no liveness checks and runs no other check', () => {
      const ready = new FakeCheck('ready');
      add(ready);
      expect(executor().liveness()).toBe('up');
      expect(ready.invoke).not.toHaveBeenCalled();
    });

    it('follows its own checks, and stays up while shutting down', async () => {
      const live = new FakeCheck('live', { probes: ['liveness'] });
      add(live);
      lifecycle.shuttingDown = true;
      await expect(executor().liveness()).resolves.toBe('up');
      live.status = 'down';
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(executor().liveness()).resolves.toBe('down');
    });
  });

  describe('startup', () => {
    it('is down before bootstrap ends, without running checks', () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      add(check);
      lifecycle.started = false;
      expect(executor().startup()).toBe('down');
      expect(check.invoke).not.toHaveBeenCalled();
    });

    it('is up once bootstrapped when there are no startup checks', () => {
      expect(executor().startup()).toBe('up');
    });

    it('opens once every critical startup check has passed', async () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      add(check);
      await expect(executor().startup()).resolves.toBe('up');
    });

    it('stays down while a critical startup check fails', async () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      check.status = 'down';
      add(check);
      const subject = executor();
      await expect(subject.startup()).resolves.toBe('down');
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(subject.startup()).resolves.toBe('down');
    });

    it('latches per check: a check that passed once is not run again', async () => {
      const a = new FakeCheck('a', { probes: ['startup'] });
      const b = new FakeCheck('b', { probes: ['startup'] });
      b.status = 'down';
      add(a, b);
      const subject = executor();
      await expect(subject.startup()).resolves.toBe('down');
      await jest.advanceTimersByTimeAsync(1_000);
      a.status = 'down';
      b.status = 'up';
      await expect(subject.startup()).resolves.toBe('up');
      expect(a.invoke).toHaveBeenCalledTimes(1);
      expect(b.invoke).toHaveBeenCalledTimes(2);
    });

    it('counts degraded as passed', async () => {
      const check = new FakeCheck('warmup', { probes: ['startup'] });
      check.status = 'degraded';
      add(check);
      await expect(executor().startup()).resolves.toBe('up');
    });

    it('is not held back by a failing non-critical startup check', async () => {
      const critical = new FakeCheck('critical', { probes: ['startup'] });
      const optional = new FakeCheck('optional', {
        probes: ['startup'],
        critical: false,
      });
      optional.status = 'down';
      add(critical, optional);
      await expect(executor().startup()).resolves.toBe('up');
    });

    it('once open, stays up without running checks, even when they would fail', async () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      add(check);
      const subject = executor();
      await subject.startup();
      check.status = 'down';
      await jest.advanceTimersByTimeAsync(10_000);
      expect(subject.startup()).toBe('up');
      expect(check.invoke).toHaveBeenCalledTimes(1);
    });

    it('once open, does not run a failed non-critical startup check again', async () => {
      const critical = new FakeCheck('critical', { probes: ['startup'] });
      const optional = new FakeCheck('optional', {
        probes: ['startup'],
        critical: false,
      });
      optional.status = 'down';
      add(critical, optional);
      const subject = executor();
      await expect(subject.startup()).resolves.toBe('up');
      await jest.advanceTimersByTimeAsync(10_000);
      expect(subject.startup()).toBe('up');
      expect(optional.invoke).toHaveBeenCalledTimes(1);
    });

    it('ignores readiness checks', async () => {
      const ready = new FakeCheck('ready');
      ready.status = 'down';
      add(ready);
      expect(executor().startup()).toBe('up');
      expect(ready.invoke).not.toHaveBeenCalled();
    });
  });

  describe('report', () => {
    it('describes every check and every probe', async () => {
      jest.setSystemTime(new Date('2024-05-01T10:00:00.000Z'));
      const database = new FakeCheck('database', { probes: ['readiness', 'startup'] }, 20);
      const cache = new FakeCheck('cache', { critical: false });
      const heap = new FakeCheck('heap', { probes: ['liveness'] });
      cache.status = 'down';
      add(database, cache, heap);
      const reporting = executor().report();
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
          },
          cache: {
            status: 'down',
            critical: false,
            probes: ['readiness'],
            durationMs: 0,
            checkedAt: '2024-05-01T10:00:00.000Z',
            error: 'cache failed: password=***',
          },
          heap: {
            status: 'up',
            critical: true,
            probes: ['liveness'],
            durationMs: 0,
            checkedAt: '2024-05-01T10:00:00.000Z',
            details: { name: 'heap' },
          },
        },
      });
    });

    it('has the readiness status: down when a critical check is down', async () => {
      const database = new FakeCheck('database');
      database.status = 'down';
      add(database);
      await expect(executor().report()).resolves.toMatchObject({
        status: 'down',
        probes: { readiness: 'down' },
      });
    });

    it('is down while shutting down, still describing the checks', async () => {
      add(new FakeCheck('database'));
      lifecycle.shuttingDown = true;
      const report = await executor().report();
      expect(report.status).toBe('down');
      expect(report.probes.readiness).toBe('down');
      expect(report.checks.database.status).toBe('up');
    });

    it('shows startup down before bootstrap', async () => {
      lifecycle.started = false;
      await expect(executor().report()).resolves.toMatchObject({
        probes: { startup: 'down' },
      });
    });

    it('leaves out the version when there is none', async () => {
      options = { version: undefined };
      expect(await executor().report()).not.toHaveProperty('version');
    });

    it('shares fresh results with the probes instead of running checks again', async () => {
      const database = new FakeCheck('database');
      add(database);
      const subject = executor();
      await subject.readiness();
      await subject.report();
      expect(subject.readiness()).toBe('up');
      expect(database.invoke).toHaveBeenCalledTimes(1);
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
      'lists a check named %s as an entry of its own, in JSON too',
      async (name) => {
        add(new FakeCheck(name), new FakeCheck('database'));
        const { checks } = await executor().report();
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
      const report = await executor().report();
      expect(report.probes.startup).toBe('down');
      expect(warmup.invoke).toHaveBeenCalledTimes(1);
    });
  });
});
