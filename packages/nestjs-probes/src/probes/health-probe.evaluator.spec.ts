import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type HealthLifecycleWatcher } from './health-lifecycle.watcher';
import { HealthProbeEvaluator } from './health-probe.evaluator';
import { type HealthStatus } from '../interfaces';
import { FakeCheck } from './fake-check.testing';

describe('HealthProbeEvaluator', () => {
  let registry: HealthCheckRegistry;
  let lifecycle: { bootstrapped: boolean; shuttingDown: boolean };

  const evaluator = () => new HealthProbeEvaluator(registry, lifecycle as HealthLifecycleWatcher);
  const add = (...checks: FakeCheck[]) => checks.forEach((check) => registry.add(check.runner));

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new HealthCheckRegistry();
    lifecycle = { bootstrapped: true, shuttingDown: false };
  });
  afterEach(() => jest.useRealTimers());

  describe('readiness', () => {
    it('is up with no checks, synchronously', () => {
      expect(evaluator().readiness()).toBe('up');
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
      await expect(evaluator().readiness()).resolves.toBe(expected);
    });

    it('answers synchronously, without running anything, while every result is fresh', async () => {
      const a = new FakeCheck('a');
      const b = new FakeCheck('b', { critical: false });
      b.status = 'down';
      add(a, b);
      const subject = evaluator();
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
      const subject = evaluator();
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
      const reading = evaluator().readiness();
      await jest.advanceTimersByTimeAsync(300);
      await expect(reading).resolves.toBe('up');
    });

    it('is down while the application shuts down, without running checks', () => {
      const check = new FakeCheck('a');
      add(check);
      lifecycle.shuttingDown = true;
      expect(evaluator().readiness()).toBe('down');
      expect(check.invoke).not.toHaveBeenCalled();
    });

    it('ignores liveness checks', async () => {
      const live = new FakeCheck('live', { probes: ['liveness'] });
      live.status = 'down';
      add(live);
      expect(evaluator().readiness()).toBe('up');
      expect(live.invoke).not.toHaveBeenCalled();
    });

    it('is down before bootstrap ends, even with every check up', () => {
      const check = new FakeCheck('a');
      add(check);
      lifecycle.bootstrapped = false;
      expect(evaluator().readiness()).toBe('down');
      expect(check.invoke).not.toHaveBeenCalled();
    });

    it('is down until the startup probe has opened, then no longer runs startup checks', async () => {
      const ready = new FakeCheck('ready');
      const startup = new FakeCheck('startup', { probes: ['startup'], ttl: 0 });
      startup.status = 'down';
      add(ready, startup);
      const subject = evaluator();

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
      expect(evaluator().liveness()).toBe('up');
      expect(ready.invoke).not.toHaveBeenCalled();
    });

    it('follows its own checks, and stays up while shutting down', async () => {
      const live = new FakeCheck('live', { probes: ['liveness'] });
      add(live);
      lifecycle.shuttingDown = true;
      await expect(evaluator().liveness()).resolves.toBe('up');
      live.status = 'down';
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(evaluator().liveness()).resolves.toBe('down');
    });
  });

  describe('startup', () => {
    it('is down before bootstrap ends, without running checks', () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      add(check);
      lifecycle.bootstrapped = false;
      expect(evaluator().startup()).toBe('down');
      expect(check.invoke).not.toHaveBeenCalled();
    });

    it('is up once bootstrapped when there are no startup checks', () => {
      expect(evaluator().startup()).toBe('up');
    });

    it('opens once every critical startup check has passed', async () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      add(check);
      await expect(evaluator().startup()).resolves.toBe('up');
    });

    it('stays down while a critical startup check fails', async () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      check.status = 'down';
      add(check);
      const subject = evaluator();
      await expect(subject.startup()).resolves.toBe('down');
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(subject.startup()).resolves.toBe('down');
    });

    it('latches per check: a check that passed once is not run again', async () => {
      const a = new FakeCheck('a', { probes: ['startup'] });
      const b = new FakeCheck('b', { probes: ['startup'] });
      b.status = 'down';
      add(a, b);
      const subject = evaluator();
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
      await expect(evaluator().startup()).resolves.toBe('up');
    });

    it('is not held back by a failing non-critical startup check', async () => {
      const critical = new FakeCheck('critical', { probes: ['startup'] });
      const optional = new FakeCheck('optional', {
        probes: ['startup'],
        critical: false,
      });
      optional.status = 'down';
      add(critical, optional);
      await expect(evaluator().startup()).resolves.toBe('up');
    });

    it('once open, stays up without running checks, even when they would fail', async () => {
      const check = new FakeCheck('migrations', { probes: ['startup'] });
      add(check);
      const subject = evaluator();
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
      const subject = evaluator();
      await expect(subject.startup()).resolves.toBe('up');
      await jest.advanceTimersByTimeAsync(10_000);
      expect(subject.startup()).toBe('up');
      expect(optional.invoke).toHaveBeenCalledTimes(1);
    });

    it('ignores readiness checks', async () => {
      const ready = new FakeCheck('ready');
      ready.status = 'down';
      add(ready);
      expect(evaluator().startup()).toBe('up');
      expect(ready.invoke).not.toHaveBeenCalled();
    });
  });
});
