import { guardAbortListeners } from './guard-abort-listeners.util';

function guardedController() {
  const controller = new AbortController();
  const onError = jest.fn();
  guardAbortListeners(controller.signal, onError);
  return { controller, signal: controller.signal, onError };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('guardAbortListeners', () => {
  it('hands a throwing listener’s error to onError instead of the process', async () => {
    const { controller, signal, onError } = guardedController();
    const boom = new Error('boom');
    signal.addEventListener('abort', () => {
      throw boom;
    });
    controller.abort();
    await flush();
    expect(onError).toHaveBeenCalledWith(boom);
  });

  it('hands a rejecting async listener’s reason to onError', async () => {
    const { controller, signal, onError } = guardedController();
    const reason = new Error('async');
    signal.addEventListener('abort', () => Promise.reject(reason));
    controller.abort();
    await flush();
    expect(onError).toHaveBeenCalledWith(reason);
  });

  it('guards listener objects and the onabort handler too', async () => {
    const { controller, signal, onError } = guardedController();
    signal.addEventListener('abort', {
      handleEvent() {
        throw new Error('object');
      },
    });
    signal.onabort = () => {
      throw new Error('handler');
    };
    controller.abort();
    await flush();
    expect(onError.mock.calls.map(([error]) => error.message).sort()).toEqual([
      'handler',
      'object',
    ]);
  });

  it('still calls well-behaved listeners with the event, this being the signal', () => {
    const { controller, signal } = guardedController();
    const seen: unknown[] = [];
    signal.addEventListener('abort', function (this: unknown, event: Event) {
      seen.push(this, event.type);
    });
    controller.abort();
    expect(seen).toEqual([signal, 'abort']);
  });

  it('removes a listener by the function that was added, and honours once', () => {
    const { controller, signal } = guardedController();
    const removed = jest.fn();
    const once = jest.fn();
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    signal.addEventListener('abort', once, { once: true });
    controller.abort();
    signal.dispatchEvent(new Event('abort'));
    expect(removed).not.toHaveBeenCalled();
    expect(once).toHaveBeenCalledTimes(1);
  });

  it('replaces the onabort handler when it is set again, and clears it with null', () => {
    const { controller, signal } = guardedController();
    const first = jest.fn();
    const second = jest.fn();
    signal.onabort = first;
    signal.onabort = second;
    expect(signal.onabort).toBe(second);
    controller.abort();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    signal.onabort = null;
    expect(signal.onabort).toBeNull();
  });
});
