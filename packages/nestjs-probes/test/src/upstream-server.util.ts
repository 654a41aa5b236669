import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A real HTTP server on a free loopback port standing in for a dependency. `handler` can be
 * swapped between requests; every connection and request is recorded.
 */
export interface Upstream {
  readonly url: string;
  readonly port: number;
  handler: Handler;
  readonly requests: IncomingMessage[];
  /** Every connection ever accepted, open or closed. */
  readonly sockets: Socket[];
  /** Resolves when the socket of the `index`th connection has closed. */
  closed(index: number): Promise<void>;
  stop(): Promise<void>;
}

export const answer =
  (status: number, body = ''): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  };

/** Takes the request and never answers it. */
export const neverAnswer: Handler = () => undefined;

export async function startUpstream(handler: Handler = answer(200, 'ok')): Promise<Upstream> {
  const sockets: Socket[] = [];
  const closings: Promise<void>[] = [];
  const requests: IncomingMessage[] = [];
  const upstream = { handler } as Upstream;
  const server = createServer((request, response) => {
    requests.push(request);
    upstream.handler(request, response);
  });
  server.on('connection', (socket) => {
    sockets.push(socket);
    closings.push(new Promise((resolve) => socket.once('close', () => resolve())));
  });
  const port = await listen(server);
  return Object.assign(upstream, {
    url: `http://127.0.0.1:${port}/health`,
    port,
    requests,
    sockets,
    closed: (index: number) => closings[index],
    stop: () => stop(server),
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
