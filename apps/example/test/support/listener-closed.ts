import { connect } from 'node:net';
import { pollUntil } from '../../../../packages/nestjs-probes/test/servers/poll-until';

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

/** Resolves once new connections to `port` are refused: the app closed its listener. */
export async function waitForListenerClosed(port: number, timeoutMs: number): Promise<void> {
  await pollUntil(() => refused(port), {
    what: `port ${port} to refuse connections`,
    timeoutMs,
    intervalMs: 10,
  });
}
