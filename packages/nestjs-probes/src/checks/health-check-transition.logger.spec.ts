import { type LoggerService } from '@nestjs/common';
import {
  HealthCheckTransitionLogger,
  TRANSITION_LOG_BURST,
  TRANSITION_LOG_WINDOW_MS,
} from './health-check-transition.logger';
import {
  CHECK_DEGRADED,
  CHECK_RECOVERED,
  CHECK_TRANSITIONS_SUPPRESSED,
  CHECK_WENT_DOWN,
} from '../health.messages';

const mockLogger = () =>
  ({ log: jest.fn(), error: jest.fn(), warn: jest.fn() }) satisfies LoggerService;

describe('HealthCheckTransitionLogger', () => {
  let logger: ReturnType<typeof mockLogger>;

  beforeEach(() => {
    jest.useFakeTimers();
    logger = mockLogger();
  });
  afterEach(() => jest.useRealTimers());

  const lines = () =>
    [...logger.log.mock.calls, ...logger.warn.mock.calls, ...logger.error.mock.calls].length;

  /** `count` transitions alternating down and up, starting from up. */
  function flap(transitions: HealthCheckTransitionLogger, count: number) {
    for (let i = 0; i < count; i++) {
      const down = i % 2 === 0;
      transitions.record(
        down ? 'up' : 'down',
        down ? { status: 'down', error: 'refused' } : { status: 'up' },
      );
    }
  }

  it('logs down as an error when critical, a warning when not, degraded and recovery', () => {
    const critical = new HealthCheckTransitionLogger('db', true, logger);
    const optional = new HealthCheckTransitionLogger('cache', false, logger);
    critical.record('up', { status: 'down', error: 'refused' });
    critical.record('down', { status: 'up' });
    optional.record('up', { status: 'down', error: 'refused' });
    optional.record('down', { status: 'degraded', error: 'slow' });
    expect(logger.error.mock.calls).toEqual([[CHECK_WENT_DOWN('db', 'refused')]]);
    expect(logger.log.mock.calls).toEqual([[CHECK_RECOVERED('db')]]);
    expect(logger.warn.mock.calls).toEqual([
      [CHECK_WENT_DOWN('cache', 'refused')],
      [CHECK_DEGRADED('cache', 'slow')],
    ]);
  });

  it('logs nothing for a first result that is up', () => {
    new HealthCheckTransitionLogger('db', true, logger).record(undefined, { status: 'up' });
    expect(lines()).toBe(0);
  });

  it('logs a burst, then one summary per window with the status the check ended in', () => {
    const transitions = new HealthCheckTransitionLogger('db', true, logger);
    flap(transitions, 3_000);
    expect(lines()).toBe(TRANSITION_LOG_BURST);

    jest.advanceTimersByTime(TRANSITION_LOG_WINDOW_MS);
    expect(lines()).toBe(TRANSITION_LOG_BURST + 1);
    // 3,000 alternations starting with down end up.
    expect(logger.log).toHaveBeenLastCalledWith(
      CHECK_TRANSITIONS_SUPPRESSED(
        'db',
        3_000 - TRANSITION_LOG_BURST,
        TRANSITION_LOG_WINDOW_MS,
        'up',
        undefined,
      ),
    );
  });

  it('summarises at the level of the final status', () => {
    const transitions = new HealthCheckTransitionLogger('db', true, logger);
    // A burst of 5 ends down; two more alternations (up, down) end down again.
    flap(transitions, TRANSITION_LOG_BURST + 2);
    jest.advanceTimersByTime(TRANSITION_LOG_WINDOW_MS);
    expect(logger.error).toHaveBeenLastCalledWith(
      CHECK_TRANSITIONS_SUPPRESSED('db', 2, TRANSITION_LOG_WINDOW_MS, 'down', 'refused'),
    );
  });

  it('logs one by one again once a quiet window has passed', () => {
    const transitions = new HealthCheckTransitionLogger('db', true, logger);
    flap(transitions, TRANSITION_LOG_BURST);
    jest.advanceTimersByTime(TRANSITION_LOG_WINDOW_MS);
    flap(transitions, TRANSITION_LOG_BURST);
    expect(lines()).toBe(TRANSITION_LOG_BURST * 2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('survives a logger that throws', () => {
    const throwing = {
      log: () => {
        throw new Error('log');
      },
      warn: () => {
        throw new Error('warn');
      },
      error: () => {
        throw new Error('error');
      },
    };
    const transitions = new HealthCheckTransitionLogger('db', true, throwing);
    expect(() => flap(transitions, TRANSITION_LOG_BURST + 2)).not.toThrow();
    expect(() => jest.advanceTimersByTime(TRANSITION_LOG_WINDOW_MS)).not.toThrow();
  });
});
