import { connect } from 'node:net';

/**
 * Sends one inline command (`PING`, `INFO clients`) to the Redis server on 127.0.0.1:`port` and
 * resolves its reply: a simple or bulk string. Sends QUIT after it and resolves only once the
 * server has closed the connection, so the server no longer counts this client. Rejects on an
 * error reply, a refused connection, or no answer within `timeoutMs` (a frozen server).
 */
export function sendRedisCommand(
  port: number,
  command: string,
  timeoutMs = 1_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`Redis on port ${port} did not answer ${command} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseFirstReply(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    socket.write(`${command}\r\nQUIT\r\n`);
  });
}

function parseFirstReply(reply: Buffer): string {
  const lineEnd = reply.indexOf('\r\n');
  if (lineEnd < 0) throw new Error('Redis closed the connection without a reply');
  const line = reply.subarray(1, lineEnd).toString('utf8');
  switch (String.fromCharCode(reply[0])) {
    case '+':
      return line;
    case '-':
      throw new Error(`Redis answered: ${line}`);
    case '$':
      return reply.subarray(lineEnd + 2, lineEnd + 2 + Number(line)).toString('utf8');
    default:
      throw new Error(`Unexpected Redis reply: ${reply.toString('utf8', 0, 80)}`);
  }
}
