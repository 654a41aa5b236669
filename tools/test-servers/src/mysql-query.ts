import { setTimeout as delay } from 'node:timers/promises';
import { type ConnectionOptions, createConnection, type RowDataPacket } from 'mysql2/promise';

/**
 * Runs one query on a fresh mysql2 connection and resolves its rows. Connecting (handshake and
 * authentication included) and the query each give up after `timeoutMs`, so a frozen server cannot
 * hang the caller. Resolves only once the server has closed the connection after QUIT (or after
 * `timeoutMs` more), so the server no longer counts this client.
 */
export async function runMysqlQuery(
  options: ConnectionOptions,
  sql: string,
  timeoutMs = 1_000,
): Promise<RowDataPacket[]> {
  const connection = await createConnection({ ...options, connectTimeout: timeoutMs });
  connection.on('error', () => undefined); // the failing call rejects; nothing else may throw
  let rows: RowDataPacket[];
  try {
    [rows] = await connection.query<RowDataPacket[]>({ sql, timeout: timeoutMs });
  } catch (error) {
    connection.destroy();
    throw error;
  }
  const closed = new Promise((resolve) => connection.once('end', resolve));
  await connection.end().catch(() => undefined);
  await Promise.race([closed, delay(timeoutMs, undefined, { ref: false })]);
  connection.destroy();
  return rows;
}
