import { HealthCheckRegistry } from '../checks/health-check.registry';
import { type HealthLifecycleWatcher } from './health-lifecycle.watcher';
import { HealthProbeEvaluator } from './health-probe.evaluator';
import { type HealthStatus } from '../interfaces';
import { FakeCheck, type FakeLifecycle, fakeLifecycle } from './fake-check.testing';
import { type HealthCheckDefinition } from '../checks/health-check.definition';

describe('HealthProbeEvaluator', () => {
  let registry: HealthCheckRegistry;
  let lifecycle: FakeLifecycle;

  const evaluator = (probeTimeout = 3_000, drainDelay = 0) =>
    new HealthProbeEvaluator(registry, lifecycle as HealthLifecycleWatcher, {
      probeTimeout,
      shutdown: { drainDelay },
    });
  const add = (...checks: FakeCheck[]) => checks.forEach((check) => registry.add(check.runner));

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new HealthCheckRegistry();
    lifecycle = fakeLifecycle();
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

  describe('probeTimeout', () => {
    /** Takes 2 s of its 5 s timeout. */
    const slow = (name: string, overrides: Partial<HealthCheckDefinition> = {}) =>
      new FakeCheck(name, { timeout: 5_000, ...overrides }, 2_000);

    it('answers down at the deadline while a critical check still runs, and keeps its result', async () => {
      const check = slow('slow');
      add(check);
      const subject = evaluator(1_000);
      let answer: HealthStatus | undefined;
      void Promise.resolve(subject.readiness()).then((status) => (answer = status));
      await jest.advanceTimersByTimeAsync(999);
      expect(answer).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(answer).toBe('down');
      expect(check.runner.running).toBe(true);

      await jest.advanceTimersByTimeAsync(1_000);
      expect(check.runner.running).toBe(false);
      expect(subject.readiness()).toBe('up');
      expect(check.invoke).toHaveBeenCalledTimes(1);
    });

    it('answers degraded at the deadline while a non-critical check still runs', async () => {
      add(new FakeCheck('fast'), slow('slow', { critical: false }));
      const reading = evaluator(1_000).readiness();
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(reading).resolves.toBe('degraded');
    });

    it('waits for the run, then clears its timer, when the run ends first', async () => {
      add(new FakeCheck('a', { timeout: 5_000 }, 300));
      const reading = evaluator(1_000).readiness();
      await jest.advanceTimersByTimeAsync(300);
      await expect(reading).resolves.toBe('up');
      expect(jest.getTimerCount()).toBe(0);
    });

    it('sets no timer on the hot path, where every result is fresh', async () => {
      add(new FakeCheck('a'), new FakeCheck('live', { probes: ['liveness'] }));
      const subject = evaluator(1_000);
      await Promise.resolve(subject.readiness());
      await Promise.resolve(subject.liveness());
      const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
      expect(subject.readiness()).toBe('up');
      expect(subject.liveness()).toBe('up');
      expect(subject.startup()).toBe('up');
      expect(setTimeoutSpy).not.toHaveBeenCalled();
      setTimeoutSpy.mockRestore();
    });

    it('bounds liveness too', async () => {
      add(slow('live', { probes: ['liveness'] }));
      const reading = evaluator(1_000).liveness();
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(reading).resolves.toBe('down');
    });

    it('bounds startup: the check still running has not passed, and passes once its run ends', async () => {
      const check = slow('warmup', { probes: ['startup'] });
      add(check);
      const subject = evaluator(1_000);
      const reading = subject.startup();
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(reading).resolves.toBe('down');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(subject.startup()).toBe('up');
      expect(check.invoke).toHaveBeenCalledTimes(1);
    });

    it('gives readiness one deadline, the startup checks it runs included', async () => {
      add(
        new FakeCheck('warmup', { probes: ['startup'], timeout: 5_000 }, 600),
        new FakeCheck('ready', { timeout: 5_000 }, 600),
      );
      let answer: HealthStatus | undefined;
      void Promise.resolve(evaluator(1_000).readiness()).then((status) => (answer = status));
      await jest.advanceTimersByTimeAsync(1_000);
      expect(answer).toBe('down');
    });

    it('does not bound the details view, which reads results it already has', async () => {
      const check = slow('warmup', { probes: ['startup'] });
      add(check);
      const subject = evaluator(1_000);
      const result = check.runner.refresh();
      await jest.advanceTimersByTimeAsync(2_000);
      const results = new Map([[check.runner, await result]]);
      expect(subject.statusesOf(results).startup).toBe('up');
    });
  });

  describe('retryAfterSeconds', () => {
    it('is the drain delay in whole seconds while shutting down, at least 1', () => {
      lifecycle.shuttingDown = true;
      expect(evaluator(3_000, 2_500).retryAfterSeconds('readiness')).toBe(3);
      expect(evaluator(3_000, 0).retryAfterSeconds('readiness')).toBe(1);
    });

    it('is the smallest ttl of the critical checks that are down, in whole seconds', async () => {
      const a = new FakeCheck('a', { ttl: 4_200 });
      const b = new FakeCheck('b', { ttl: 9_000 });
      const optional = new FakeCheck('optional', { ttl: 1_000, critical: false });
      const up = new FakeCheck('up', { ttl: 500 });
      a.status = b.status = optional.status = 'down';
      add(a, b, optional, up);
      const subject = evaluator();
      await expect(subject.readiness()).resolves.toBe('down');
      expect(subject.retryAfterSeconds('readiness')).toBe(5);
    });

    it('counts a check still running at the deadline', async () => {
      add(new FakeCheck('slow', { timeout: 5_000, ttl: 7_000 }, 2_000));
      const subject = evaluator(1_000);
      const reading = subject.readiness();
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(reading).resolves.toBe('down');
      expect(subject.retryAfterSeconds('readiness')).toBe(7);
    });

    it('is at least 1, for a ttl 0 check or when no check is down', async () => {
      const check = new FakeCheck('a', { ttl: 0 });
      check.status = 'down';
      add(check);
      const subject = evaluator();
      await expect(subject.readiness()).resolves.toBe('down');
      expect(subject.retryAfterSeconds('readiness')).toBe(1);
      check.status = 'up';
      await expect(subject.readiness()).resolves.toBe('up');
      expect(subject.retryAfterSeconds('readiness')).toBe(1);
    });

    it('follows the startup checks not yet passed, for startup and for readiness before it opened', async () => {
      const passed = new FakeCheck('passed', {
        probes: ['startup'],
        ttl: 500,
        successThreshold: 1,
      });
      const warmup = new FakeCheck('warmup', { probes: ['startup'], ttl: 2_000 });
      const ready = new FakeCheck('ready', { ttl: 10_000 });
      warmup.status = ready.status = 'down';
      add(passed, warmup, ready);
      const subject = evaluator();
      await expect(subject.readiness()).resolves.toBe('down');
      expect(subject.retryAfterSeconds('startup')).toBe(2);
      expect(subject.retryAfterSeconds('readiness')).toBe(2);
    });
  });

  describe('exclude, drain and per-check views', () => {
    it('leaves excluded checks out of that answer only, ignoring unknown names', async () => {
      const a = new FakeCheck('a');
      const b = new FakeCheck('b', { critical: false });
      a.status = b.status = 'down';
      add(a, b);
      const subject = evaluator();
      await expect(subject.readiness()).resolves.toBe('down');
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(subject.readiness(new Set(['a']))).resolves.toBe('degraded');
      await jest.advanceTimersByTimeAsync(10_000);
      // Nothing left to run: synchronous.
      expect(subject.readiness(new Set(['a', 'b', 'nope']))).toBe('up');
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(subject.readiness(new Set(['nope']))).resolves.toBe('down');
    });

    it('excludes liveness checks from liveness the same way', async () => {
      const live = new FakeCheck('live', { probes: ['liveness'] });
      live.status = 'down';
      add(live);
      const subject = evaluator();
      await expect(subject.liveness()).resolves.toBe('down');
      expect(subject.liveness(new Set(['live']))).toBe('up');
    });

    it('is down while drained, without running checks, and says when to ask again', () => {
      const check = new FakeCheck('a', { ttl: 2_500 });
      add(check);
      lifecycle.drained = true;
      const subject = evaluator();
      expect(subject.readiness()).toBe('down');
      expect(check.invoke).not.toHaveBeenCalled();
      expect(subject.lastStatuses().readiness).toBe('down');
      expect(subject.retryAfterSeconds('readiness')).toBe(3);
      lifecycle.drained = false;
      expect(subject.retryAfterSeconds('readiness')).toBe(1);
    });

    it("answers one check's own status, whatever its criticality or the drain", async () => {
      const optional = new FakeCheck('optional', { critical: false, ttl: 4_000 });
      optional.status = 'down';
      add(optional);
      lifecycle.drained = true;
      const subject = evaluator();
      const runner = subject.checkOf('readiness', 'optional')!;
      expect(subject.checkOf('liveness', 'optional')).toBeUndefined();
      expect(subject.checkOf('readiness', 'nope')).toBeUndefined();
      await expect(subject.checkStatus(runner)).resolves.toBe('down');
      expect(subject.checkRetryAfterSeconds(runner)).toBe(4);
    });

    it("counts a check's run still going at probeTimeout as down for that view", async () => {
      add(new FakeCheck('slow', { timeout: 5_000 }, 2_000));
      const subject = evaluator(1_000);
      const reading = subject.checkStatus(subject.checkOf('readiness', 'slow')!);
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(reading).resolves.toBe('down');
    });
  });
});
