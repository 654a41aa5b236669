import {
  PROBE_CLOSED_WITHOUT_ANSWER,
  PROBE_ENDED_WITHOUT_OUTCOME,
  PROBE_INTERNAL_ERROR,
  PROBE_TIMED_OUT,
} from './probe.messages';
import { describeCause, type ProbeOutcome } from './probe-request.util';

/**
 * How long past `--timeout` the watchdog waits for the request's own abort to report first: the
 * watchdog only matters when that abort never settles the request.
 *
 * @internal
 */
export const PROBE_WATCHDOG_MARGIN_MS = 100;

/** The parts of `process` the guard uses: `process` itself, or a fake in unit tests. @internal */
export interface ProbeProcess {
  exitCode?: number | string | undefined;
  exit(code: number): void;
  on(
    event: 'beforeExit' | 'uncaughtException' | 'unhandledRejection',
    listener: (cause: unknown) => void,
  ): unknown;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** @internal What the command prints when its request times out or is left without an answer. */
export interface WatchdogLines {
  readonly timedOut: string;
  readonly closed: string;
}

/**
 * The only ways the command ends. The first ending wins: it prints its one line and exits at once,
 * and every later one is ignored.
 *
 * @internal
 */
export interface ProbeExit {
  /**
   * Arms the watchdog of the request about to be sent to `url`, and names it for a closed one;
   * `lines` replace the HTTP wording of those two endings (the gRPC probe's).
   */
  watch(url: string, timeoutMs: number, lines?: WatchdogLines): void;
  /** The request's outcome: exit 0 on a healthy (2xx) one, on stdout; exit 1 otherwise. */
  settle(outcome: ProbeOutcome): void;
  /** Exit 1 with the line on stderr. */
  fail(line: string): void;
  /** Exit 1 on an unexpected error, in one line. */
  crash(cause: unknown): void;
  /** Exit 0 with the help on stdout. */
  help(text: string): void;
}

/**
 * Makes the command fail closed, as a Docker `HEALTHCHECK` needs: `process.exitCode` is 1 from the
 * start and only a 2xx outcome (or `--help`) exits 0. Every other way the process could end exits
 * 1 with one stderr line:
 *
 * - the event loop empties with the request pending (`beforeExit`): `fetch` leaves its promise
 *   pending when the server closes some connections without answering, and the unref'd timer of
 *   `AbortSignal.timeout()` does not keep the process alive, so Node would otherwise exit 0;
 * - the request outlives `timeoutMs` plus a margin without settling (the watchdog);
 * - an uncaught exception or unhandled rejection.
 *
 * The watchdog is unref'd on purpose: a ref'd one would keep the loop alive, so a closed connection
 * would be reported as a timeout, late. While anything else keeps the loop alive it fires; once
 * nothing does, `beforeExit` ends the run.
 *
 * @internal
 */
export function guardProbeExit(proc: ProbeProcess): ProbeExit {
  proc.exitCode = 1;
  let ended = false;
  let closedLine: string | undefined;
  let watchdog: NodeJS.Timeout | undefined;

  const end = (code: 0 | 1, line: string): void => {
    if (ended) return;
    ended = true;
    clearTimeout(watchdog);
    proc.exitCode = code;
    try {
      (code === 0 ? proc.stdout : proc.stderr).write(`${line}\n`);
    } finally {
      // At once: a half-read body or a pooled socket must not keep the process (and Docker) waiting.
      proc.exit(code);
    }
  };
  const crash = (cause: unknown): void => end(1, PROBE_INTERNAL_ERROR(describeSafely(cause)));

  proc.on('uncaughtException', crash);
  proc.on('unhandledRejection', crash);
  proc.on('beforeExit', () => end(1, closedLine ?? PROBE_ENDED_WITHOUT_OUTCOME));

  return {
    watch(target, timeoutMs, lines) {
      closedLine = lines?.closed ?? PROBE_CLOSED_WITHOUT_ANSWER(target);
      const timedOut = lines?.timedOut ?? PROBE_TIMED_OUT(target, timeoutMs);
      clearTimeout(watchdog);
      watchdog = setTimeout(() => end(1, timedOut), timeoutMs + PROBE_WATCHDOG_MARGIN_MS);
      watchdog.unref();
    },
    settle: (outcome) => end(outcome.healthy ? 0 : 1, outcome.line),
    fail: (line) => end(1, line),
    crash,
    help: (text) => end(0, text),
  };
}

function describeSafely(cause: unknown): string {
  try {
    return describeCause(cause);
  } catch {
    return 'unknown error';
  }
}
