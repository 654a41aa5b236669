import { guardAbortListeners } from './guard-abort-listeners.util';

/** @internal */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `task` with an `AbortSignal` and settles with its outcome or, after `timeoutMs`, with
 * `onTimeout()`, whichever comes first; the signal is aborted on timeout. Never rejects: a
 * synchronous throw, a rejection, a non-Error reason or a thenable that never settles all end
 * in a `Settled`, and a late rejection is already handled by the `then` below. A listener the task
 * adds to the signal cannot crash the process when the timeout aborts it (issue #9).
 *
 * @internal
 */
export function runWithTimeout<T>(
  task: (signal: AbortSignal) => T | PromiseLike<T>,
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<Settled<Awaited<T>>> {
  const controller = new AbortController();
  guardAbortListeners(controller.signal, ignore);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      const error = onTimeout();
      resolve({ ok: false, error });
      controller.abort(error);
    }, timeoutMs);
    const settle = (outcome: Settled<Awaited<T>>) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    try {
      Promise.resolve(task(controller.signal)).then(
        (value) => settle({ ok: true, value: value as Awaited<T> }),
        (error: unknown) => settle({ ok: false, error }),
      );
    } catch (error) {
      settle({ ok: false, error });
    }
  });
}

// The check has already timed out: a listener's error would only repeat that.
const ignore = (): void => undefined;
