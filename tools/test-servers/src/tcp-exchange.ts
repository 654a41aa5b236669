import { connect } from 'node:net';

/**
 * Opens a TCP connection to 127.0.0.1:`port`, writes `request` and resolves true as soon as what
 * came back satisfies `answered`; false when the connection is refused or closed first, or after
 * `timeoutMs` (a frozen server). Always closes the connection; never rejects. For the raw protocol
 * greetings the throwaway brokers are polled with while they start.
 */
export function exchangesOverTcp(
  port: number,
  request: string | Buffer,
  answered: (received: Buffer) => boolean,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (result: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (answered(Buffer.concat(chunks))) finish(true);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
