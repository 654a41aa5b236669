import perfHooks, { type IntervalHistogram } from 'node:perf_hooks';
import { EVENT_LOOP_DELAYED } from './system.messages';
import { interpretCheckValue } from '../results/check-value.interpreter';
import { EventLoopHealthCheck } from './event-loop-health.check';
import { type ResolvedEventLoopHealthOptions } from './event-loop-health-options.interface';

const ms = (value: number) => value * 1e6;

/** A histogram that holds `samples` intervals (ms) until reset. */
function fakeHistogram(samples: number[]) {
  let window = [...samples];
  const histogram = {
    get count() {
      return window.length;
    },
    get max() {
      return window.length ? ms(Math.max(...window)) : 0;
    },
    percentile: (p: number) => {
      if (!window.length) return 0;
      const sorted = [...window].sort((a, b) => a - b);
      return ms(sorted[Math.ceil((p / 100) * sorted.length) - 1]);
    },
    reset: jest.fn(() => {
      window = [];
    }),
    enable: jest.fn(() => true),
    disable: jest.fn(() => true),
  };
  const monitor = jest
    .spyOn(perfHooks, 'monitorEventLoopDelay')
    .mockReturnValue(histogram as unknown as IntervalHistogram);
  return { histogram, monitor };
}

const OPTIONS: ResolvedEventLoopHealthOptions = { degradedAboveMs: 100, resolutionMs: 10 };

describe('EventLoopHealthCheck', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('samples at the resolution from module init to module destroy', () => {
    const { histogram, monitor } = fakeHistogram([]);
    const check = new EventLoopHealthCheck({ ...OPTIONS, resolutionMs: 20 });
    expect(monitor).toHaveBeenCalledWith({ resolution: 20 });
    expect(histogram.enable).not.toHaveBeenCalled();
    check.onModuleInit();
    expect(histogram.enable).toHaveBeenCalledTimes(1);
    check.onModuleDestroy();
    expect(histogram.disable).toHaveBeenCalledTimes(1);
  });

  it('reports p50, p99 and max beyond the sampling interval, then starts a new window', () => {
    const { histogram } = fakeHistogram([10.2, 10.4, 10.3, 25.06]);
    const check = new EventLoopHealthCheck(OPTIONS);
    expect(interpretCheckValue(check.check())).toEqual({
      status: 'up',
      details: { p50Ms: 0.3, p99Ms: 15.1, maxMs: 15.1, samples: 4 },
    });
    expect(histogram.reset).toHaveBeenCalledTimes(1);
    expect(interpretCheckValue(check.check()).details).toEqual({
      p50Ms: 0,
      p99Ms: 0,
      maxMs: 0,
      samples: 0,
    });
  });

  it('never reports a negative delay (a timer firing early)', () => {
    fakeHistogram([9.9]);
    expect(interpretCheckValue(new EventLoopHealthCheck(OPTIONS).check()).details).toMatchObject({
      p99Ms: 0,
    });
  });

  it('is degraded above degradedAboveMs, and down above downAboveMs', () => {
    fakeHistogram([10, 160]);
    expect(interpretCheckValue(new EventLoopHealthCheck(OPTIONS).check())).toMatchObject({
      status: 'degraded',
      error: EVENT_LOOP_DELAYED(150, 100),
    });
    fakeHistogram([10, 160]);
    const strict = new EventLoopHealthCheck({ ...OPTIONS, downAboveMs: 120 });
    expect(interpretCheckValue(strict.check())).toMatchObject({
      status: 'down',
      error: EVENT_LOOP_DELAYED(150, 120),
      details: { p99Ms: 150 },
    });
  });
});
