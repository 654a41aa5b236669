import { type AddressInfo, createServer } from 'node:net';
import { pollUntil } from './poll-until';
import { PortInUseError } from './port-in-use.error';

const HOST = '127.0.0.1';

// Below Linux's ephemeral range (32768-60999): while a throwaway server is down for a restart on
// the same port, no outgoing connection of the app can be handed that port as its local one.
const LOW_PORTS = { from: 20_000, to: 32_000 };

/**
 * A port on 127.0.0.1 that nothing listens on at this moment, picked at random below the ephemeral
 * range. Another process may still take it before a server binds it: start servers through
 * `onFreePort`.
 */
export async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOW_PORTS.from + Math.floor(Math.random() * (LOW_PORTS.to - LOW_PORTS.from));
    if (await isPortFree(port)) return port;
  }
  return kernelPickedPort();
}

function kernelPickedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const listener = createServer().unref();
    listener.once('error', reject);
    listener.listen(0, HOST, () => {
      const { port } = listener.address() as AddressInfo;
      listener.close(() => resolve(port));
    });
  });
}

/** Whether a listener could bind 127.0.0.1:`port` right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const listener = createServer().unref();
    listener.once('error', () => resolve(false));
    listener.listen(port, HOST, () => listener.close(() => resolve(true)));
  });
}

/** Waits until 127.0.0.1:`port` can be bound (its server has let go of it). */
export async function waitForFreePort(port: number, timeoutMs: number): Promise<void> {
  await pollUntil(() => isPortFree(port), {
    what: `port ${port} to be free`,
    timeoutMs,
    intervalMs: 10,
  });
}

/**
 * Runs `start` on a free port, and again on another one each time it rejects with a
 * `PortInUseError` (someone took the port between `findFreePort` and the bind).
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await findFreePort());
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= attempts) throw error;
    }
  }
}
