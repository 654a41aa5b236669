import { Injectable } from '@nestjs/common';
import { down, HealthCheck, type HealthCheckOptions } from 'nestjs-probes';

/**
 * The on-probe checks' timeout. A check that behaves must never be judged by it, even while CI's
 * three test lanes and the fleet starve this process of CPU for tens of milliseconds at a time.
 */
export const HOSTILE_TIMEOUT_MS = 300;
/** The background checks run every 50 ms, each bounded by 50 ms. */
export const HOSTILE_TTL_MS = 50;
const BACKGROUND_TIMEOUT_MS = 50;
/** How far past its timeout `blocks-event-loop` keeps the event loop. */
const OVERRUN_MS = 30;

/** A Proxy on which every operation throws, `typeof` and identity aside. */
export function throwingProxy(): object {
  const trap = () => {
    throw new Error('trap');
  };
  return new Proxy(
    {},
    { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap },
  );
}

function errorWithThrowingGetter(property: 'message' | 'causes'): Error {
  const error = new Error('hidden');
  Object.defineProperty(error, property, {
    get() {
      throw new Error(`${property} getter`);
    },
  });
  return error;
}

const hangUntilAborted = (signal: AbortSignal, listener: () => unknown): Promise<never> => {
  signal.addEventListener('abort', listener);
  return new Promise(() => undefined);
};

/**
 * Checks that fail in ways a naive runner cannot describe (#9). While `hostile`, each misbehaves;
 * once it is false, each passes, so a test can show the next run recovers.
 */
function hostileChecks(options: HealthCheckOptions & { timeout: number }) {
  @Injectable()
  class Hostile {
    hostile = true;

    @HealthCheck({ ...options, name: 'throws-proxy' })
    throwsProxy(): void {
      if (this.hostile) throw throwingProxy();
    }

    @HealthCheck({ ...options, name: 'message-getter-throws' })
    messageGetterThrows(): void {
      if (this.hostile) throw errorWithThrowingGetter('message');
    }

    @HealthCheck({ ...options, name: 'causes-getter-throws' })
    causesGetterThrows(): void {
      if (this.hostile) throw errorWithThrowingGetter('causes');
    }

    @HealthCheck({ ...options, name: 'null-prototype-reason' })
    nullPrototypeReason(): unknown {
      return this.hostile ? down(Object.create(null)) : undefined;
    }

    @HealthCheck({ ...options, name: 'throwing-to-string-reason' })
    throwingToStringReason(): unknown {
      const reason = {
        toString() {
          throw new Error('toString');
        },
      };
      return this.hostile ? down(reason as unknown as string) : undefined;
    }

    @HealthCheck({ ...options, name: 'returns-proxy' })
    returnsProxy(): unknown {
      return this.hostile ? throwingProxy() : undefined;
    }

    @HealthCheck({ ...options, name: 'abort-listener-throws' })
    abortListenerThrows(signal: AbortSignal): Promise<never> | void {
      if (this.hostile)
        return hangUntilAborted(signal, () => {
          throw new Error('abort listener exploded');
        });
    }

    @HealthCheck({ ...options, name: 'abort-listener-rejects' })
    abortListenerRejects(signal: AbortSignal): Promise<never> | void {
      if (this.hostile)
        return hangUntilAborted(signal, () => Promise.reject(new Error('async listener')));
    }

    @HealthCheck({ ...options, name: 'blocks-event-loop' })
    blocksEventLoop(): void {
      if (!this.hostile) return;
      const until = performance.now() + options.timeout + OVERRUN_MS;
      while (performance.now() < until);
    }
  }
  return Hostile;
}

export const HOSTILE_CHECK_NAMES = [
  'throws-proxy',
  'message-getter-throws',
  'causes-getter-throws',
  'null-prototype-reason',
  'throwing-to-string-reason',
  'returns-proxy',
  'abort-listener-throws',
  'abort-listener-rejects',
  'blocks-event-loop',
] as const;

/** Run on every probe (ttl 0). */
export const OnProbeHostileHealth = hostileChecks({ ttl: 0, timeout: HOSTILE_TIMEOUT_MS });
/** Run by the background scheduler every 50 ms. */
export const BackgroundHostileHealth = hostileChecks({
  refresh: 'background',
  ttl: HOSTILE_TTL_MS,
  timeout: BACKGROUND_TIMEOUT_MS,
  staleAfter: 2_000,
});
