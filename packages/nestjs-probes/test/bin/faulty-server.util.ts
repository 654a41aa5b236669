import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A throwaway loopback server that misbehaves on purpose, standing in for a dead app, a proxy in
 * front of one, or a full listener. Counts what it did, so a test can check the fault happened.
 */
export interface FaultyServer {
  readonly url: string;
  /** Connections the server accepted (for a full server: the one holding it full). */
  readonly accepted: number;
  /** Connections a full `http.Server` closed at once for its `maxConnections`. */
  readonly dropped: number;
  stop(): Promise<void>;
}

/** What a raw server does with each connection it accepts. */
export type Behaviour = (socket: Socket) => void;

/** Accepts and destroys the socket at once, before reading anything. */
export const destroyAtOnce: Behaviour = (socket) => socket.destroy();

/** Accepts and resets the connection (RST) at once. */
export const resetAtOnce: Behaviour = (socket) => socket.resetAndDestroy();

/** Reads the request, then closes its side (FIN) without a byte of answer. */
export const endAfterRequest: Behaviour = (socket) => afterRequest(socket, () => socket.end());

/** Reads the request and never answers, keeping the connection open. */
export const neverAnswer: Behaviour = (socket) => afterRequest(socket, () => undefined);

/** Reads the request, sends `text` and closes. */
export const sendThenEnd =
  (text: string): Behaviour =>
  (socket) =>
    afterRequest(socket, () => socket.end(text));

/** Reads the request, sends `text`, and resets the connection a moment later. */
export const sendThenReset =
  (text: string, delayMs = 100): Behaviour =>
  (socket) =>
    afterRequest(socket, () => {
      socket.write(text);
      setTimeout(() => socket.resetAndDestroy(), delayMs);
    });

/** A raw `net` server on a free loopback port applying `behaviour` to every connection. */
export async function startRawServer(behaviour: Behaviour): Promise<FaultyServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    behaviour(socket);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/health`,
    get accepted() {
      return accepted;
    },
    dropped: 0,
    stop: () => stop(server, sockets),
  };
}

/**
 * A real `http.Server` that would answer 200, already full: `maxConnections` is 1 and one idle
 * connection holds it, so Node closes every further connection as soon as it is accepted.
 */
export async function startFullHttpServer(): Promise<FaultyServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let dropped = 0;
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  server.maxConnections = 1;
  server.on('drop', () => dropped++);
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  const holder = connect(port, '127.0.0.1');
  holder.on('error', () => undefined);
  sockets.add(holder);
  await new Promise<void>((resolve) => server.once('connection', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/health`,
    get accepted() {
      return accepted;
    },
    get dropped() {
      return dropped;
    },
    stop: () => stop(server, sockets),
  };
}

function afterRequest(socket: Socket, then: () => void): void {
  let received = '';
  const onData = (chunk: Buffer) => {
    received += chunk.toString('latin1');
    if (!received.includes('\r\n\r\n')) return;
    socket.off('data', onData);
    then();
  };
  socket.on('data', onData);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function stop(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
