import { readFile } from 'node:fs/promises';

const ESTABLISHED = '01';

/**
 * How many TCP connections to 127.0.0.1:`port` the server side holds open right now, from the
 * kernel's socket table (`/proc/net/tcp`): sockets whose local port is `port` and whose state is
 * ESTABLISHED. Exact at the moment of the call, unlike a broker's periodic statistics.
 */
export async function establishedConnections(port: number): Promise<number> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  let count = 0;
  for (const line of table.split('\n').slice(1)) {
    // "sl local_address rem_address st ...", addresses as HEXIP:HEXPORT
    const [, local, , state] = line.trim().split(/\s+/);
    if (state === ESTABLISHED && local && parseInt(local.split(':')[1], 16) === port) count++;
  }
  return count;
}
