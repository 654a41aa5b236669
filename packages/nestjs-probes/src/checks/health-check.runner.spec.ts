import { type LoggerService } from '@nestjs/common';
import { type HealthCheckDefinition } from './health-check.definition';
import { type CheckResult } from '../results/check-result.interface';
import { HealthCheckRunner } from './health-check.runner';
import {
  CHECK_DEGRADED,
  CHECK_OVERRAN,
  CHECK_RECOVERED,
  CHECK_NO_RESULT_YET,
  CHECK_RESULT_STALE,
  CHECK_TIMED_OUT,
  CHECK_WENT_DOWN,
} from '../health.messages';
import { degraded, down } from '../results/health-status';

type Invoke = HealthCheckDefinition['invoke'];

const definition = (
  invoke: Invoke,
  overrides: Partial<HealthCheckDefinition> = {},
): HealthCheckDefinition => ({
  name: 'database',
  owner: 'DatabaseHealth.ping',
  critical: true,
  ttl: 1_000,
  timeout: 500,
  probes: ['readiness'],
  refresh: 'on-probe',
  staleAfter: 2_500,
  failureThreshold: 1,
  successThreshold: 1,
  invoke,
  ...overrides,
});

const mockLogger = () =>
  ({
    log: jest.fn(),
    error: jest.fn(),
    warn: jest.fn(),
  }) satisfies LoggerService;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Settles a read, fake time advancing as needed. */
async function settle(reading: CheckResult | Promise<CheckResult>, ms = 0): Promise<CheckResult> {
  await jest.advanceTimersByTimeAsync(ms);
  return reading;
}

describe('HealthCheckRunner', () => {
  let logger: ReturnType<typeof mockLogger>;

  beforeEach(() => {
    jest.useFakeTimers();
    logger = mockLogger();
  });
  afterEach(() => jest.useRealTimers());

  describe('caching', () => {
    it('runs the check on the first read and returns a promise of its result', async () => {
      const invoke = jest.fn(() => ({ rows: 1 }));
      const runner = new HealthCheckRunner(definition(invoke), logger);
      const reading = runner.read();
      expect(reading).toBeInstanceOf(Promise);
      const result = await reading;
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(result).toMatchObject({ status: 'up', details: { rows: 1 } });
      expect(runner.lastResult).toBe(result);
    });

    it('returns the fresh result synchronously within ttl, without running the check', async () => {
      const invoke = jest.fn();
      const runner = new HealthCheckRunner(definition(invoke, { ttl: 1_000 }), logger);
      const first = await runner.read();
      await jest.advanceTimersByTimeAsync(999);
      const reading = runner.read();
      expect(reading).not.toBeInstanceOf(Promise);
      expect(reading).toBe(first);
      expect(invoke).toHaveBeenCalledTimes(1);
    });

    it('counts ttl from the end of the run', async () => {
      const invoke = jest.fn(() => sleep(300));
      const runner = new HealthCheckRunner(definition(invoke, { ttl: 1_000 }), logger);
      await settle(runner.read(), 300);
      await jest.advanceTimersByTimeAsync(999);
      expect(runner.read()).not.toBeInstanceOf(Promise);
      await jest.advanceTimersByTimeAsync(1);
      expect(runner.read()).toBeInstanceOf(Promise);
    });

    it('runs the check exactly once for many concurrent reads of an expired result', async () => {
      const invoke = jest.fn(() => sleep(150));
      const runner = new HealthCheckRunner(definition(invoke, { ttl: 1_000 }), logger);
      await settle(runner.read(), 150);
      await jest.advanceTimersByTimeAsync(1_000);

      const readings = Array.from({ length: 40 }, () => runner.read());
      expect(new Set(readings).size).toBe(1);
      await jest.advanceTimersByTimeAsync(150);
      const results = await Promise.all(readings);
      expect(invoke).toHaveBeenCalledTimes(2);
      expect(new Set(results).size).toBe(1);
    });

    it('with ttl 0 runs the check on every read, but coalesces concurrent reads', async () => {
      const invoke = jest.fn(() => sleep(150));
      const runner = new HealthCheckRunner(definition(invoke, { ttl: 0 }), logger);

      const concurrent = Array.from({ length: 40 }, () => runner.read());
      await jest.advanceTimersByTimeAsync(150);
      await Promise.all(concurrent);
      expect(invoke).toHaveBeenCalledTimes(1);

      await settle(runner.read(), 150);
      await settle(runner.read(), 150);
      expect(invoke).toHaveBeenCalledTimes(3);
    });

    it('shares the run in flight with refresh()', async () => {
      const invoke = jest.fn(() => sleep(100));
      const runner = new HealthCheckRunner(definition(invoke), logger);
      const reading = runner.read();
      expect(runner.refresh()).toBe(reading);
      await settle(reading, 100);
      expect(invoke).toHaveBeenCalledTimes(1);
    });

    it('records how long the run took and when it ended', async () => {
      jest.setSystemTime(new Date('2024-05-01T10:00:00.000Z'));
      const runner = new HealthCheckRunner(
        definition(() => sleep(150)),
        logger,
      );
      const result = await settle(runner.read(), 150);
      expect(result.durationMs).toBe(150);
      expect(result.checkedAt).toBe('2024-05-01T10:00:00.150Z');
    });
  });

  describe('failures', () => {
    it('turns a thrown error into a down result with the error redacted', async () => {
      const runner = new HealthCheckRunner(
        definition(() => {
          throw new Error('cannot connect to postgres://app:hunter2@db.internal:5432/app');
        }),
        logger,
      );
      const result = await runner.read();
      expect(result.status).toBe('down');
      expect(result.error).toBe('cannot connect to postgres://***@[host]:5432/app');
    });

    it('turns a rejection into a down result and keeps the error code', async () => {
      const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
        code: 'ECONNREFUSED',
      });
      const runner = new HealthCheckRunner(
        definition(() => Promise.reject(error)),
        logger,
      );
      await expect(runner.read()).resolves.toMatchObject({
        status: 'down',
        error: 'connect ECONNREFUSED [host]',
      });
    });

    it('turns a non-Error throw into a down result', async () => {
      const runner = new HealthCheckRunner(
        definition(() => Promise.reject('token=abc')),
        logger,
      );
      await expect(runner.read()).resolves.toMatchObject({
        status: 'down',
        error: 'token=***',
      });
    });

    it('times out a check that never settles, aborting its signal', async () => {
      let signal: AbortSignal | undefined;
      const runner = new HealthCheckRunner(
        definition(
          (received) => {
            signal = received;
            return new Promise(() => undefined);
          },
          { timeout: 500 },
        ),
        logger,
      );
      const reading = runner.read();
      await jest.advanceTimersByTimeAsync(499);
      expect(signal!.aborted).toBe(false);
      const result = await settle(reading, 1);
      expect(result.status).toBe('down');
      expect(result.error).toContain(CHECK_TIMED_OUT(500));
      expect(result.durationMs).toBe(500);
      expect(signal!.aborted).toBe(true);
    });

    it('keeps the causes of a terminus HealthCheckError as details, redacted', async () => {
      const error = Object.assign(new Error('Health Check has failed!'), {
        causes: {
          db: { status: 'down', message: 'password=hunter2 rejected' },
        },
      });
      const runner = new HealthCheckRunner(
        definition(() => Promise.reject(error)),
        logger,
      );
      await expect(runner.read()).resolves.toMatchObject({
        status: 'down',
        details: { db: { status: 'down', message: 'password=*** rejected' } },
      });
    });

    it('turns a hostile return value (a throwing getter) into a down result', async () => {
      const hostile = {
        get pool(): never {
          throw new Error('getter exploded');
        },
      };
      const runner = new HealthCheckRunner(
        definition(() => hostile),
        logger,
      );
      await expect(runner.read()).resolves.toMatchObject({
        status: 'down',
        error: 'getter exploded',
      });
    });

    it('redacts the details a healthy check returns', async () => {
      const runner = new HealthCheckRunner(
        definition(() => ({
          url: 'postgres://app:hunter2@db.internal/app',
          password: 'hunter2',
        })),
        logger,
      );
      const result = await runner.read();
      expect(result.details).toEqual({
        url: 'postgres://***@[host]/app',
        password: '***',
      });
    });

    it('reports degraded with its reason', async () => {
      const runner = new HealthCheckRunner(
        definition(() => degraded('pool saturated', { waiting: 12 })),
        logger,
      );
      await expect(runner.read()).resolves.toMatchObject({
        status: 'degraded',
        error: 'pool saturated',
        details: { waiting: 12 },
      });
    });

    it('redacts the reason a degraded check gives', async () => {
      const runner = new HealthCheckRunner(
        definition(() => degraded('replica at 10.0.0.7 lags, token=abc')),
        logger,
      );
      await expect(runner.read()).resolves.toMatchObject({
        status: 'degraded',
        error: 'replica at [host] lags, token=***',
      });
    });

    it('caches a failure for ttl like any other result', async () => {
      const invoke = jest.fn(() => Promise.reject(new Error('down')));
      const runner = new HealthCheckRunner(definition(invoke, { ttl: 1_000 }), logger);
      await runner.read();
      await jest.advanceTimersByTimeAsync(500);
      expect(runner.read()).toMatchObject({ status: 'down' });
      expect(invoke).toHaveBeenCalledTimes(1);
    });

    it('recovers on the next run after a failure', async () => {
      const invoke = jest
        .fn<Promise<void>, [AbortSignal]>()
        .mockRejectedValueOnce(new Error('down'))
        .mockResolvedValueOnce(undefined);
      const runner = new HealthCheckRunner(definition(invoke, { ttl: 0 }), logger);
      await expect(runner.read()).resolves.toMatchObject({ status: 'down' });
      const recovered = await runner.read();
      expect(recovered.status).toBe('up');
      expect(recovered.error).toBeUndefined();
    });

    const hostileProxy = () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          getPrototypeOf: () => {
            throw new Error('trap');
          },
          has: () => {
            throw new Error('trap');
          },
        },
      );

    it.each([
      ['throws a Proxy whose traps throw', () => Promise.reject(hostileProxy())],
      ['returns a Proxy whose traps throw', () => hostileProxy()],
      ['returns down() with a null-prototype reason', () => down(Object.create(null))],
      [
        'returns down() with a reason whose toString throws',
        () =>
          down({
            toString: () => {
              throw new Error('toString');
            },
          } as unknown as string),
      ],
    ])('settles a check that %s as down, and runs it again next time (#9)', async (_, hostile) => {
      let behaves = false;
      const invoke = jest.fn(() => (behaves ? undefined : hostile()));
      const runner = new HealthCheckRunner(definition(invoke, { ttl: 0 }), logger);
      const failed = await runner.read();
      expect(failed.status).toBe('down');
      expect(failed.error).toEqual(expect.any(String));
      await expect(runner.read()).resolves.toMatchObject({ status: 'down' });
      behaves = true;
      await expect(runner.read()).resolves.toMatchObject({ status: 'up' });
      expect(invoke).toHaveBeenCalledTimes(3);
    });

    it('reads a check that kept the event loop busy past its timeout as down (#9)', async () => {
      jest.useRealTimers();
      const runner = new HealthCheckRunner(
        definition(
          () => {
            const until = performance.now() + 30;
            while (performance.now() < until);
          },
          { timeout: 10 },
        ),
        logger,
      );
      const result = await runner.read();
      expect(result.status).toBe('down');
      expect(result.error).toBe(CHECK_OVERRAN(result.durationMs, 10));
    });

    it('survives a logger that throws, and still stores the result', async () => {
      const throwing = {
        log: jest.fn(),
        warn: jest.fn(),
        error: jest.fn(() => {
          throw new Error('logger down');
        }),
      };
      const runner = new HealthCheckRunner(
        definition(() => Promise.reject(new Error('refused')), { ttl: 0 }),
        throwing,
      );
      await expect(runner.read()).resolves.toMatchObject({ status: 'down' });
      expect(throwing.error).toHaveBeenCalled();
      expect(runner.lastResult?.status).toBe('down');
    });
  });

  describe("refresh: 'background'", () => {
    const background = (invoke: Invoke) =>
      definition(invoke, {
        refresh: 'background',
        ttl: 1_000,
        staleAfter: 2_500,
      });

    it('returns the last result without running the check, even after ttl', async () => {
      const invoke = jest.fn();
      const runner = new HealthCheckRunner(background(invoke), logger);
      const first = await runner.refresh();
      await jest.advanceTimersByTimeAsync(2_000);
      const reading = runner.read();
      expect(reading).toBe(first);
      expect(invoke).toHaveBeenCalledTimes(1);
    });

    it('reads as down, at once and without running the check, while there is no result yet', () => {
      const invoke = jest.fn();
      const runner = new HealthCheckRunner(background(invoke), logger);
      const reading = runner.read();
      expect(reading).not.toBeInstanceOf(Promise);
      expect(reading).toMatchObject({ status: 'down', error: CHECK_NO_RESULT_YET });
      expect(invoke).not.toHaveBeenCalled();
      expect(runner.running).toBe(false);
    });

    it('reads the first result once the first run has ended', async () => {
      const invoke = jest.fn();
      const runner = new HealthCheckRunner(background(invoke), logger);
      const first = runner.refresh();
      expect(runner.running).toBe(true);
      expect(runner.read()).toMatchObject({ status: 'down', error: CHECK_NO_RESULT_YET });
      const result = await first;
      expect(runner.read()).toBe(result);
      expect(runner.running).toBe(false);
      expect(invoke).toHaveBeenCalledTimes(1);
    });

    it('reads a result older than staleAfter as down, saying it is stale', async () => {
      const invoke = jest.fn();
      const runner = new HealthCheckRunner(background(invoke), logger);
      await runner.refresh();
      await jest.advanceTimersByTimeAsync(2_500);
      expect(runner.read()).toMatchObject({ status: 'up' });
      await jest.advanceTimersByTimeAsync(1);
      const stale = runner.read();
      expect(stale).toMatchObject({
        status: 'down',
        error: CHECK_RESULT_STALE(2_501, 2_500),
      });
      expect(invoke).toHaveBeenCalledTimes(1);
    });

    it('reads fresh again after the next refresh', async () => {
      const runner = new HealthCheckRunner(background(jest.fn()), logger);
      await runner.refresh();
      await jest.advanceTimersByTimeAsync(3_000);
      expect(runner.read()).toMatchObject({ status: 'down' });
      await runner.refresh();
      expect(runner.read()).toMatchObject({ status: 'up' });
    });

    it('logs going stale once, and the recovery once', async () => {
      const runner = new HealthCheckRunner(background(jest.fn()), logger);
      await runner.refresh();
      await jest.advanceTimersByTimeAsync(3_000);
      runner.read();
      runner.read();
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        CHECK_WENT_DOWN('database', CHECK_RESULT_STALE(3_000, 2_500)),
      );
      await runner.refresh();
      runner.read();
      expect(logger.log).toHaveBeenCalledTimes(1);
      expect(logger.log).toHaveBeenCalledWith(CHECK_RECOVERED('database'));
    });
    it('does not log twice when the refresh after going stale is down too', async () => {
      const invoke = jest.fn<Promise<void>, [AbortSignal]>().mockResolvedValueOnce(undefined);
      invoke.mockRejectedValue(new Error('refused'));
      const runner = new HealthCheckRunner(background(invoke), logger);
      await runner.refresh();
      await jest.advanceTimersByTimeAsync(3_000);
      runner.read();
      await runner.refresh();
      expect(runner.read()).toMatchObject({ status: 'down', error: 'refused' });
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.log).not.toHaveBeenCalled();
    });
  });

  describe('logging', () => {
    const flipping = (outcomes: boolean[]) => {
      const invoke = jest.fn(() => {
        if (!outcomes.shift()) throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
      });
      return invoke;
    };

    it('logs nothing while a check stays up', async () => {
      const runner = new HealthCheckRunner(definition(jest.fn(), { ttl: 0 }), logger);
      for (let i = 0; i < 3; i++) await runner.read();
      expect(logger.log).not.toHaveBeenCalled();
      expect(logger.warn).not.toHaveBeenCalled();
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('logs each transition once: up → down → up', async () => {
      const runner = new HealthCheckRunner(
        definition(flipping([true, true, false, false, false, true, true]), {
          ttl: 0,
        }),
        logger,
      );
      for (let i = 0; i < 7; i++) await runner.read();
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        CHECK_WENT_DOWN('database', 'connect ECONNREFUSED [host]'),
      );
      expect(logger.log).toHaveBeenCalledTimes(1);
      expect(logger.log).toHaveBeenCalledWith(CHECK_RECOVERED('database'));
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('logs a critical check going down as an error', async () => {
      const runner = new HealthCheckRunner(
        definition(flipping([false]), { critical: true }),
        logger,
      );
      await runner.read();
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('logs a non-critical check going down as a warning', async () => {
      const runner = new HealthCheckRunner(
        definition(flipping([false]), { critical: false }),
        logger,
      );
      await runner.read();
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        CHECK_WENT_DOWN('database', 'connect ECONNREFUSED [host]'),
      );
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('logs degraded as a warning with its reason, once', async () => {
      const runner = new HealthCheckRunner(
        definition(() => degraded('pool saturated'), { ttl: 0 }),
        logger,
      );
      await runner.read();
      await runner.read();
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(CHECK_DEGRADED('database', 'pool saturated'));
    });

    it('never writes the unredacted error to the log', async () => {
      const runner = new HealthCheckRunner(
        definition(() => {
          throw new Error('login failed: password=hunter2');
        }),
        logger,
      );
      await runner.read();
      expect(JSON.stringify(logger.error.mock.calls)).not.toContain('hunter2');
    });
  });
});
