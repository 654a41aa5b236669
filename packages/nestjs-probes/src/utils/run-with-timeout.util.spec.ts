import { runWithTimeout } from './run-with-timeout.util';

class TestTimeout extends Error {}

const onTimeout = () => new TestTimeout('timed out');

describe('runWithTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('settles with the value of a synchronous task', async () => {
    await expect(runWithTimeout(() => 42, 100, onTimeout)).resolves.toEqual({
      ok: true,
      value: 42,
    });
  });

  it('settles with the value a promise resolves with', async () => {
    const settled = runWithTimeout(
      () => new Promise((resolve) => setTimeout(() => resolve('done'), 50)),
      100,
      onTimeout,
    );
    await jest.advanceTimersByTimeAsync(50);
    await expect(settled).resolves.toEqual({ ok: true, value: 'done' });
  });

  it('passes the task an AbortSignal that is not aborted while it runs', async () => {
    let received: AbortSignal | undefined;
    await runWithTimeout((signal) => void (received = signal), 100, onTimeout);
    expect(received).toBeInstanceOf(AbortSignal);
    expect(received!.aborted).toBe(false);
  });

  it('turns a synchronous throw into a failure', async () => {
    const error = new Error('sync');
    const settled = runWithTimeout(
      () => {
        throw error;
      },
      100,
      onTimeout,
    );
    await expect(settled).resolves.toEqual({ ok: false, error });
  });

  it('turns a rejection into a failure', async () => {
    const error = new Error('rejected');
    await expect(runWithTimeout(() => Promise.reject(error), 100, onTimeout)).resolves.toEqual({
      ok: false,
      error,
    });
  });

  it('keeps a non-Error rejection reason as it is', async () => {
    await expect(runWithTimeout(() => Promise.reject('plain'), 100, onTimeout)).resolves.toEqual({
      ok: false,
      error: 'plain',
    });
    await expect(runWithTimeout(() => Promise.reject(undefined), 100, onTimeout)).resolves.toEqual({
      ok: false,
      error: undefined,
    });
  });

  it('turns a thenable whose then() throws into a failure', async () => {
    const error = new Error('bad thenable');
    const thenable = {
      then() {
        throw error;
      },
    };
    await expect(runWithTimeout(() => thenable, 100, onTimeout)).resolves.toEqual({
      ok: false,
      error,
    });
  });

  it('fails with the timeout error and aborts the signal with it when the task never settles', async () => {
    let received: AbortSignal | undefined;
    const settled = runWithTimeout(
      (signal) => {
        received = signal;
        return new Promise(() => undefined);
      },
      100,
      onTimeout,
    );
    await jest.advanceTimersByTimeAsync(99);
    expect(received!.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    const outcome = await settled;
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(TestTimeout);
    expect(received!.aborted).toBe(true);
    expect(received!.reason).toBe(error);
  });

  it('times out a thenable that never calls back', async () => {
    const settled = runWithTimeout(() => ({ then: () => undefined }), 100, onTimeout);
    await jest.advanceTimersByTimeAsync(100);
    await expect(settled).resolves.toMatchObject({
      ok: false,
      error: expect.any(TestTimeout),
    });
  });

  it('clears its timer once the task settles, whichever way', async () => {
    await runWithTimeout(() => 1, 10_000, onTimeout);
    expect(jest.getTimerCount()).toBe(0);
    await runWithTimeout(() => Promise.reject(new Error('x')), 10_000, onTimeout);
    expect(jest.getTimerCount()).toBe(0);
    await runWithTimeout(
      () => {
        throw new Error('x');
      },
      10_000,
      onTimeout,
    );
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not abort the signal of a task that finished in time', async () => {
    let received: AbortSignal | undefined;
    await runWithTimeout((signal) => void (received = signal), 100, onTimeout);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(received!.aborted).toBe(false);
  });

  it('ignores a rejection that arrives after the timeout, leaving no unhandled rejection', async () => {
    let rejectLate!: (error: Error) => void;
    const settled = runWithTimeout(
      () => new Promise((_resolve, reject) => (rejectLate = reject)),
      100,
      onTimeout,
    );
    await jest.advanceTimersByTimeAsync(100);
    rejectLate(new Error('late'));
    jest.useRealTimers();
    // Node reports unhandled rejections after the microtask queue drains; Jest fails the test on one.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(settled).resolves.toMatchObject({
      ok: false,
      error: expect.any(TestTimeout),
    });
  });

  it('ignores a value that arrives after the timeout', async () => {
    let resolveLate!: (value: string) => void;
    const settled = runWithTimeout(
      () => new Promise<string>((resolve) => (resolveLate = resolve)),
      100,
      onTimeout,
    );
    await jest.advanceTimersByTimeAsync(100);
    resolveLate('late');
    await expect(settled).resolves.toMatchObject({ ok: false });
  });
});
