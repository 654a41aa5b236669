import { Client, type ClientConfig } from 'pg';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Runs `use` on a fresh connection and closes it. Connecting, each query and closing give up after
 * `timeoutMs`, so a frozen server cannot hang the caller.
 */
export async function withPgClient<T>(
  config: ClientConfig,
  use: (client: Client) => Promise<T>,
  timeoutMs = 1_000,
): Promise<T> {
  const client = new Client({
    ...config,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => undefined); // the failing call rejects; nothing else may throw
  try {
    await client.connect();
    return await use(client);
  } finally {
    await Promise.race([
      client.end().catch(() => undefined),
      delay(timeoutMs, undefined, { ref: false }),
    ]);
  }
}
