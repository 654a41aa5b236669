import { type HealthCheckDefinition } from './health-check.definition';
import { HealthCheckRunner } from './health-check.runner';
import { HealthCheckRegistry } from './health-check.registry';
import { HealthCheckScheduler } from './health-check.scheduler';

const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn() };

/** A check taking `durationMs` of fake time, recording when each run starts and how many overlap. */
function timedCheck(durationMs: number, overrides: Partial<HealthCheckDefinition> = {}) {
  const starts: number[] = [];
  let running = 0;
  let maxConcurrent = 0;
  const invoke = jest.fn(async () => {
    starts.push(performance.now() - t0);
    maxConcurrent = Math.max(maxConcurrent, ++running);
    try {
      await new Promise((resolve) => setTimeout(resolve, durationMs));
    } finally {
      running--;
    }
  });
  const runner = new HealthCheckRunner(
    {
      name: 'database',
      owner: 'DatabaseHealth.ping',
      critical: true,
      ttl: 1_000,
      timeout: 5_000,
      probes: ['readiness'],
      refresh: 'background',
      staleAfter: 7_000,
      failureThreshold: 1,
      successThreshold: 1,
      invoke,
      ...overrides,
    },
    logger,
  );
  return { runner, invoke, starts, maxConcurrent: () => maxConcurrent };
}

let t0 = 0;

describe('HealthCheckScheduler', () => {
  let scheduler: HealthCheckScheduler;

  beforeEach(() => {
    jest.useFakeTimers();
    t0 = performance.now();
    scheduler = new HealthCheckScheduler(new HealthCheckRegistry());
  });
  afterEach(() => {
    scheduler.stop();
    jest.useRealTimers();
  });

  it('runs a background check at once, then every ttl, start to start', async () => {
    const check = timedCheck(300);
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(3_500);
    expect(check.starts).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it('keeps the last result readable between runs', async () => {
    const check = timedCheck(0);
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(check.runner.read()).toMatchObject({ status: 'up' });
    expect(check.invoke).toHaveBeenCalledTimes(2);
  });

  it('never overlaps runs of a check slower than its ttl', async () => {
    const check = timedCheck(1_500);
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(4_600);
    expect(check.starts).toHaveLength(4);
    check.starts.slice(1).forEach((start, i) => {
      // The next run starts as soon as the last one ends (a zero delay, which timers round to 1 ms).
      expect(start - check.starts[i]).toBeGreaterThanOrEqual(1_500);
      expect(start - check.starts[i]).toBeLessThanOrEqual(1_501);
    });
    expect(check.maxConcurrent()).toBe(1);
  });

  it('keeps refreshing after a failing or timed-out run', async () => {
    const check = timedCheck(10_000, { timeout: 200 });
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(2_100);
    expect(check.starts).toEqual([0, 1_000, 2_000]);
    expect(check.runner.read()).toMatchObject({ status: 'down' });
  });

  it('shares a run with a probe that reads at the same time', async () => {
    const check = timedCheck(300);
    scheduler.start([check.runner]);
    const reading = check.runner.read();
    await jest.advanceTimersByTimeAsync(300);
    await reading;
    expect(check.invoke).toHaveBeenCalledTimes(1);
  });

  it('ignores on-probe checks', async () => {
    const check = timedCheck(0, { refresh: 'on-probe' });
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(check.invoke).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('schedules each background check once when started twice', async () => {
    const check = timedCheck(0);
    scheduler.start([check.runner]);
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(check.invoke).toHaveBeenCalledTimes(2);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('stop() clears its timers and ends the refreshing', async () => {
    const check = timedCheck(0);
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(500);
    expect(jest.getTimerCount()).toBe(1);
    scheduler.stop();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(check.invoke).toHaveBeenCalledTimes(1);
  });

  it('stop() during a run schedules nothing after it', async () => {
    const check = timedCheck(300);
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(100);
    scheduler.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(check.invoke).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive', async () => {
    const check = timedCheck(0);
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    scheduler.start([check.runner]);
    await jest.advanceTimersByTimeAsync(500);
    // The run is over: the last timer set is the one waiting for the next run.
    const timer = setTimeoutSpy.mock.results.at(-1)!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setTimeoutSpy.mockRestore();
  });

  describe('first runs', () => {
    it('start() resolves once the first run of every background check has ended', async () => {
      const slow = timedCheck(300);
      const fast = timedCheck(100);
      let started = false;
      void scheduler.start([slow.runner, fast.runner]).then(() => (started = true));
      await jest.advanceTimersByTimeAsync(299);
      expect(started).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(started).toBe(true);
      expect(slow.runner.read()).toMatchObject({ status: 'up' });
      expect(fast.runner.read()).toMatchObject({ status: 'up' });
    });

    it("resolves at the check's timeout when its first run hangs, leaving it down", async () => {
      const hanging = timedCheck(10_000, { timeout: 200 });
      let started = false;
      void scheduler.start([hanging.runner]).then(() => (started = true));
      await jest.advanceTimersByTimeAsync(200);
      expect(started).toBe(true);
      expect(hanging.runner.read()).toMatchObject({ status: 'down' });
    });

    it('holds onApplicationBootstrap until the first runs have ended', async () => {
      const registry = new HealthCheckRegistry();
      const check = timedCheck(300);
      registry.add(check.runner);
      scheduler = new HealthCheckScheduler(registry);
      let bootstrapped = false;
      void scheduler.onApplicationBootstrap().then(() => (bootstrapped = true));
      await jest.advanceTimersByTimeAsync(299);
      expect(bootstrapped).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(bootstrapped).toBe(true);
      expect(check.invoke).toHaveBeenCalledTimes(1);
    });

    it('resolves at once with no background check', async () => {
      await expect(scheduler.start([timedCheck(0, { refresh: 'on-probe' }).runner])).resolves.toBe(
        undefined,
      );
    });
  });
});
