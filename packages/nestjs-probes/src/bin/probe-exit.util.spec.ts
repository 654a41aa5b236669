import { EventEmitter } from 'node:events';
import {
  PROBE_ANSWERED,
  PROBE_CLOSED_WITHOUT_ANSWER,
  PROBE_ENDED_WITHOUT_OUTCOME,
  PROBE_FAILED,
  PROBE_INTERNAL_ERROR,
  PROBE_TIMED_OUT,
} from './probe.messages';
import { guardProbeExit, PROBE_WATCHDOG_MARGIN_MS, type ProbeProcess } from './probe-exit.util';

const URL = 'http://127.0.0.1:3000/health/live';
const TIMEOUT_MS = 500;

/** A process that records what it printed and every exit call, and never really exits. */
class FakeProcess extends EventEmitter implements ProbeProcess {
  exitCode?: number | string | undefined;
  readonly exits: number[] = [];
  readonly out: string[] = [];
  readonly err: string[] = [];
  readonly stdout = { write: (text: string) => this.out.push(text) };
  readonly stderr = { write: (text: string) => this.err.push(text) };
  exit(code: number): void {
    this.exits.push(code);
  }
}

describe('guardProbeExit', () => {
  let proc: FakeProcess;

  beforeEach(() => {
    jest.useFakeTimers();
    proc = new FakeProcess();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('sets exit code 1 before anything else happens', () => {
    guardProbeExit(proc);
    expect(proc.exitCode).toBe(1);
    expect(proc.exits).toEqual([]);
  });

  it('exits 0 on a healthy outcome, with its line on stdout', () => {
    const exit = guardProbeExit(proc);
    exit.watch(URL, TIMEOUT_MS);
    exit.settle({ healthy: true, line: PROBE_ANSWERED(URL, 200) });
    expect(proc).toMatchObject({ exits: [0], exitCode: 0, err: [] });
    expect(proc.out).toEqual([`${PROBE_ANSWERED(URL, 200)}\n`]);
  });

  it('exits 1 on an unhealthy outcome, with its line on stderr', () => {
    const exit = guardProbeExit(proc);
    exit.settle({ healthy: false, line: PROBE_ANSWERED(URL, 503) });
    expect(proc).toMatchObject({ exits: [1], exitCode: 1, out: [] });
    expect(proc.err).toEqual([`${PROBE_ANSWERED(URL, 503)}\n`]);
  });

  it('exits 1 when the event loop empties with the request pending', () => {
    const exit = guardProbeExit(proc);
    exit.watch(URL, TIMEOUT_MS);
    proc.emit('beforeExit', 1);
    expect(proc).toMatchObject({ exits: [1], exitCode: 1, out: [] });
    expect(proc.err).toEqual([`${PROBE_CLOSED_WITHOUT_ANSWER(URL)}\n`]);
  });

  it('exits 1 when the event loop empties before any request', () => {
    guardProbeExit(proc);
    proc.emit('beforeExit', 1);
    expect(proc).toMatchObject({ exits: [1], err: [`${PROBE_ENDED_WITHOUT_OUTCOME}\n`] });
  });

  it('exits 1 with the timed-out line when the request outlives the timeout and its margin', () => {
    const exit = guardProbeExit(proc);
    exit.watch(URL, TIMEOUT_MS);
    jest.advanceTimersByTime(TIMEOUT_MS + PROBE_WATCHDOG_MARGIN_MS - 1);
    expect(proc.exits).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(proc).toMatchObject({ exits: [1], err: [`${PROBE_TIMED_OUT(URL, TIMEOUT_MS)}\n`] });
  });

  it('does not let its watchdog keep the process alive', () => {
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    guardProbeExit(proc).watch(URL, TIMEOUT_MS);
    const timer = setTimeoutSpy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setTimeoutSpy.mockRestore();
  });

  it.each([
    ['uncaughtException', new Error('boom\n    at somewhere'), 'boom'],
    [
      'unhandledRejection',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      'ECONNRESET: socket hang up',
    ],
    ['unhandledRejection', 'a string', 'a string'],
  ])('exits 1 on an %s, in one line', (event, cause, reason) => {
    const exit = guardProbeExit(proc);
    exit.watch(URL, TIMEOUT_MS);
    proc.emit(event, cause);
    expect(proc).toMatchObject({ exits: [1], exitCode: 1, out: [] });
    expect(proc.err).toEqual([`${PROBE_INTERNAL_ERROR(reason)}\n`]);
  });

  it('exits 1 on a crash of the command itself, even one whose description throws', () => {
    const exit = guardProbeExit(proc);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    exit.crash(hostile);
    expect(proc).toMatchObject({ exits: [1], err: [`${PROBE_INTERNAL_ERROR('unknown error')}\n`] });
  });

  it('exits 0 with the help on stdout', () => {
    guardProbeExit(proc).help('usage');
    expect(proc).toMatchObject({ exits: [0], out: ['usage\n'], err: [] });
  });

  it('keeps the first ending: a late 2xx cannot turn a failure into exit 0', () => {
    const exit = guardProbeExit(proc);
    exit.watch(URL, TIMEOUT_MS);
    proc.emit('beforeExit', 1);
    exit.settle({ healthy: true, line: PROBE_ANSWERED(URL, 200) });
    jest.advanceTimersByTime(TIMEOUT_MS + PROBE_WATCHDOG_MARGIN_MS);
    expect(proc).toMatchObject({ exits: [1], exitCode: 1, out: [] });
    expect(proc.err).toEqual([`${PROBE_CLOSED_WITHOUT_ANSWER(URL)}\n`]);
  });

  it('disarms the watchdog once the outcome is known', () => {
    const exit = guardProbeExit(proc);
    exit.watch(URL, TIMEOUT_MS);
    exit.settle({ healthy: false, line: PROBE_FAILED(URL, 'read ECONNRESET') });
    jest.advanceTimersByTime(TIMEOUT_MS + PROBE_WATCHDOG_MARGIN_MS);
    proc.emit('beforeExit', 1);
    expect(proc).toMatchObject({ exits: [1], err: [`${PROBE_FAILED(URL, 'read ECONNRESET')}\n`] });
  });

  it('still exits when printing the line throws', () => {
    const exit = guardProbeExit(proc);
    jest.spyOn(proc.stderr, 'write').mockImplementation(() => {
      throw new Error('EPIPE');
    });
    expect(() => exit.fail(PROBE_FAILED(URL, 'x'))).toThrow('EPIPE');
    expect(proc).toMatchObject({ exits: [1], exitCode: 1 });
  });
});
