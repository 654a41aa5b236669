import { connect } from 'node:net';

const HOST = '127.0.0.1';

// Below the fleet's replica ports (15000-20000), the throwaway servers' (findFreePort: 20000-32000)
// and Linux's ephemeral range (32768-60999): nothing the tests start binds here and the kernel hands
// out none of these, so a port refused now stays refused. A port the kernel just handed out and
// took back does not: a test in another lane may be given it a moment later.
const REFUSING_PORTS = { from: 10_000, to: 15_000 };

/** A port on 127.0.0.1 where a connection is refused, and stays refused while the tests run. */
export async function refusedPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port =
      REFUSING_PORTS.from + Math.floor(Math.random() * (REFUSING_PORTS.to - REFUSING_PORTS.from));
    if (await isRefused(port)) return port;
  }
  throw new Error(
    `no refused port found in ${REFUSING_PORTS.from}-${REFUSING_PORTS.to} after 50 tries`,
  );
}

function isRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
