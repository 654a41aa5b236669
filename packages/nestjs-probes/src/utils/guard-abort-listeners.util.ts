import { isThenable } from './is-thenable.util';

type Callback = (event: Event) => unknown;
type Listener = Callback | { handleEvent(event: Event): unknown };
type AbortHandler = ((this: AbortSignal, event: Event) => unknown) | null;

/**
 * Makes the listeners that code adds to `signal` unable to crash the process. Node dispatches the
 * abort event inside `controller.abort()` and rethrows a listener's error on the next tick as an
 * uncaught exception, which no try/catch around `abort()` can catch. Every listener added through
 * `addEventListener` or `onabort` on this signal is wrapped so that its error (or rejection) goes to
 * `onError` instead. A listener on a signal derived from this one (`AbortSignal.any`) is out of reach.
 *
 * @internal
 */
export function guardAbortListeners(signal: AbortSignal, onError: (error: unknown) => void): void {
  const wrappers = new WeakMap<Listener, Callback>();
  const wrap = (listener: Listener): Listener => {
    // Node rejects anything else itself, with its own TypeError.
    if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null))
      return listener;
    let wrapper = wrappers.get(listener);
    if (!wrapper) {
      wrapper = function (this: unknown, event: Event) {
        callContained(() => invoke(listener, this, event), onError);
      };
      wrappers.set(listener, wrapper);
    }
    return wrapper;
  };
  // Node's signature, which the TypeScript DOM-less types do not spell out.
  const add = signal.addEventListener as (
    type: string,
    listener: unknown,
    options?: unknown,
  ) => void;
  const remove = signal.removeEventListener as typeof add;
  Object.defineProperties(signal, {
    addEventListener: {
      value: (type: string, listener: Listener | null, options?: unknown) =>
        add.call(signal, type, listener && wrap(listener), options),
    },
    removeEventListener: {
      value: (type: string, listener: Listener | null, options?: unknown) =>
        remove.call(signal, type, listener && (wrappers.get(listener) ?? listener), options),
    },
    onabort: guardedHandlerProperty(signal, onError),
  });
}

function guardedHandlerProperty(
  signal: AbortSignal,
  onError: (error: unknown) => void,
): PropertyDescriptor {
  let handler: AbortHandler = null;
  let listener: Callback | undefined;
  return {
    get: () => handler,
    set(value: AbortHandler) {
      if (listener) signal.removeEventListener('abort', listener);
      handler = typeof value === 'function' ? value : null;
      listener = undefined;
      if (!handler) return;
      const current = handler;
      listener = (event: Event) => callContained(() => current.call(signal, event), onError);
      signal.addEventListener('abort', listener);
    },
  };
}

function invoke(listener: Listener, self: unknown, event: Event): unknown {
  return typeof listener === 'function' ? listener.call(self, event) : listener.handleEvent(event);
}

function callContained(call: () => unknown, onError: (error: unknown) => void): void {
  try {
    const result = call();
    if (isThenable(result)) result.then(undefined, onError);
  } catch (error) {
    onError(error);
  }
}
