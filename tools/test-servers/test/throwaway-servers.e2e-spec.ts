import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import Redis from 'ioredis';
import {
  type Connection,
  type ConnectionOptions,
  createConnection,
  type RowDataPacket,
} from 'mysql2/promise';
import { Client, type ClientConfig } from 'pg';
import { PortInUseError } from '../src/port-in-use.error';
import { isInside, runningProcesses } from '../src/process-table';
import { ThrowawayMariaDb } from '../src/throwaway-mariadb';
import { ThrowawayPostgres } from '../src/throwaway-postgres';
import { ThrowawayRedis } from '../src/throwaway-redis';

const NO_ANSWER_WITHIN_MS = 300;

/** Resolves the error code of a TCP connection attempt to 127.0.0.1:`port`, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function processesIn(dir: string): number[] {
  return runningProcesses()
    .filter((process) => isInside(process.cwd, dir))
    .map((process) => process.pid);
}

describe('ThrowawayPostgres', () => {
  let server: ThrowawayPostgres;
  const clients: Client[] = [];

  async function connectClient(config: ClientConfig = {}): Promise<Client> {
    const client = new Client({
      ...server.clientConfig,
      connectionTimeoutMillis: 1_000,
      ...config,
    });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  }

  const selectOne = async (client: Client) => (await client.query('SELECT 1 AS one')).rows[0].one;

  beforeAll(async () => {
    server = await ThrowawayPostgres.start();
  }, 30_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
  });

  afterAll(() => server?.destroy());

  it('serves its own cluster on a free port, not the shared 5432', async () => {
    expect(server.port).not.toBe(5432);
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
    expect(await selectOne(await connectClient())).toBe(1);
  });

  it('counts the client connections open, not its own', async () => {
    expect(await server.connectionCount()).toBe(0);
    const [first] = [await connectClient(), await connectClient()];
    expect(await server.connectionCount()).toBe(2);
    await first.end();
    expect(await server.connectionCount()).toBe(1);
  });

  it('freezes every process: open connections and new ones get no answer until resumed', async () => {
    const held = await connectClient({ query_timeout: NO_ANSWER_WITHIN_MS });
    server.freeze();
    try {
      await expect(selectOne(held)).rejects.toThrow('Query read timeout');
      const fresh = new Client({
        ...server.clientConfig,
        connectionTimeoutMillis: NO_ANSWER_WITHIN_MS,
      });
      await expect(fresh.connect()).rejects.toThrow(/timeout/);
    } finally {
      server.resume();
    }
    expect(await selectOne(held)).toBe(1);
  });

  it('kill: kills the backends too and refuses connections; restart: same port', async () => {
    const held = await connectClient();
    const port = server.port;
    await server.kill();
    expect(processesIn(server.dir)).toEqual([]);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await expect(selectOne(held)).rejects.toThrow();
    await server.restart();
    expect(server.port).toBe(port);
    expect(await selectOne(await connectClient())).toBe(1);
  });

  it('stop: ends open connections and exits; restart: answers again, with the same data', async () => {
    const held = await connectClient();
    await held.query('CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (7)');
    const ended = new Promise((resolve) => held.once('end', resolve));
    await server.stop();
    await ended;
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
    await server.restart();
    const client = await connectClient();
    expect((await client.query('SELECT id FROM survivor')).rows).toEqual([{ id: 7 }]);
  });

  it('refuses to restart while running', async () => {
    await expect(server.restart()).rejects.toThrow('stop() or kill() it first');
  });

  it('destroy: even frozen, leaves no process and no temp dir', async () => {
    const other = await ThrowawayPostgres.start();
    await connectClient(other.clientConfig);
    other.freeze();
    await other.destroy();
    expect(processesIn(other.dir)).toEqual([]);
    expect(existsSync(other.dir)).toBe(false);
    expect(await tryConnect(other.port)).toBe('ECONNREFUSED');
  }, 30_000);
});

describe('ThrowawayRedis', () => {
  let server: ThrowawayRedis;
  const clients: Redis[] = [];

  async function connectClient(options: { commandTimeout?: number } = {}): Promise<Redis> {
    const client = new Redis({
      ...server.connectionOptions,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
      ...options,
    });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  }

  beforeAll(async () => {
    server = await ThrowawayRedis.start();
  }, 30_000);

  afterEach(() => {
    clients.splice(0).forEach((client) => client.disconnect());
  });

  afterAll(() => server?.destroy());

  it('serves on a free port, not the shared 6379', async () => {
    expect(server.port).not.toBe(6379);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await (await connectClient()).ping()).toBe('PONG');
  });

  it('counts the client connections open, not its own', async () => {
    expect(await server.connectionCount()).toBe(0);
    const [first] = [await connectClient(), await connectClient()];
    expect(await server.connectionCount()).toBe(2);
    await first.quit();
    expect(await server.connectionCount()).toBe(1);
  });

  it('freezes: an open connection gets no answer until resumed', async () => {
    const held = await connectClient({ commandTimeout: NO_ANSWER_WITHIN_MS });
    server.freeze();
    try {
      await expect(held.ping()).rejects.toThrow('Command timed out');
      await expect(server.connectionCount()).rejects.toThrow(/did not answer/);
    } finally {
      server.resume();
    }
    expect(await held.ping()).toBe('PONG');
  });

  it('kill: refuses connections; restart: answers on the same port', async () => {
    const port = server.port;
    await server.kill();
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await server.restart();
    expect(server.port).toBe(port);
    expect(await (await connectClient()).ping()).toBe('PONG');
  });

  it('stop: closes open connections and exits; restart: answers again', async () => {
    const held = await connectClient();
    const ended = new Promise((resolve) => held.once('end', resolve));
    await server.stop();
    await ended;
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
    await server.restart();
    expect(await (await connectClient()).ping()).toBe('PONG');
  });

  it('restart on a port someone took meanwhile: PortInUseError with the log', async () => {
    await server.stop();
    const squatter = createServer((socket) => socket.destroy()).listen(server.port, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const failure = server.restart();
      await expect(failure).rejects.toBeInstanceOf(PortInUseError);
      await expect(failure).rejects.toThrow(/Address already in use/);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    await server.restart();
    expect(await (await connectClient()).ping()).toBe('PONG');
  });

  it('destroy: even frozen, leaves no process and no temp dir', async () => {
    const other = await ThrowawayRedis.start();
    other.freeze();
    await other.destroy();
    expect(processesIn(other.dir)).toEqual([]);
    expect(existsSync(other.dir)).toBe(false);
    expect(await tryConnect(other.port)).toBe('ECONNREFUSED');
  });
});

describe('ThrowawayMariaDb', () => {
  let server: ThrowawayMariaDb;
  const connections: Connection[] = [];

  async function connectClient(options: ConnectionOptions = {}): Promise<Connection> {
    const connection = await createConnection({
      ...server.clientOptions,
      connectTimeout: 1_000,
      ...options,
    });
    connection.on('error', () => undefined);
    connections.push(connection);
    return connection;
  }

  const selectOne = async (connection: Connection, timeout?: number) => {
    const [rows] = await connection.query<RowDataPacket[]>({ sql: 'SELECT 1 AS one', timeout });
    return rows[0].one;
  };

  /** Resolves once the server has closed `connection`. */
  const ended = (connection: Connection) =>
    new Promise((resolve) => connection.once('end', resolve));

  beforeAll(async () => {
    server = await ThrowawayMariaDb.start();
  }, 30_000);

  afterEach(() => {
    connections.splice(0).forEach((connection) => connection.destroy());
  });

  afterAll(() => server?.destroy());

  it('serves its own data dir on a free port, not the shared 3306, with a test database', async () => {
    expect(server.port).not.toBe(3306);
    expect(server.url).toBe(`mysql://root@127.0.0.1:${server.port}/test`);
    expect(server.connectionOptions).toEqual({
      type: 'mysql',
      host: '127.0.0.1',
      port: server.port,
      username: 'root',
      database: 'test',
    });
    const connection = await connectClient();
    expect(await selectOne(connection)).toBe(1);
    const [rows] = await connection.query<RowDataPacket[]>('SELECT DATABASE() AS db');
    expect(rows).toEqual([{ db: 'test' }]);
  });

  it('counts the client connections open, not its own', async () => {
    expect(await server.connectionCount()).toBe(0);
    const [first] = [await connectClient(), await connectClient()];
    expect(await server.connectionCount()).toBe(2);
    const closed = ended(first);
    await first.end();
    await closed;
    expect(await server.connectionCount()).toBe(1);
  });

  it('freezes: open connections and new ones get no answer until resumed', async () => {
    const held = await connectClient();
    server.freeze();
    try {
      await expect(selectOne(held, NO_ANSWER_WITHIN_MS)).rejects.toThrow(
        'Query inactivity timeout',
      );
      const fresh = createConnection({
        ...server.clientOptions,
        connectTimeout: NO_ANSWER_WITHIN_MS,
      });
      await expect(fresh).rejects.toThrow(/ETIMEDOUT/);
      await expect(server.connectionCount()).rejects.toThrow(/ETIMEDOUT/);
    } finally {
      server.resume();
    }
    expect(await selectOne(held)).toBe(1);
  });

  it('kill: refuses connections, keeps committed data; restart: same port', async () => {
    const held = await connectClient();
    await held.query('CREATE TABLE killed (id int)');
    await held.query('INSERT INTO killed VALUES (3)');
    const port = server.port;
    await server.kill();
    expect(processesIn(server.dir)).toEqual([]);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await expect(selectOne(held)).rejects.toThrow();
    await server.restart();
    expect(server.port).toBe(port);
    const [rows] = await (await connectClient()).query('SELECT id FROM killed');
    expect(rows).toEqual([{ id: 3 }]);
  });

  it('stop: ends open connections and exits; restart: answers again, with the same data', async () => {
    const held = await connectClient();
    await held.query('CREATE TABLE survivor (id int)');
    await held.query('INSERT INTO survivor VALUES (7)');
    const closed = ended(held);
    await server.stop();
    await closed;
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
    await server.restart();
    const [rows] = await (await connectClient()).query('SELECT id FROM survivor');
    expect(rows).toEqual([{ id: 7 }]);
  });

  it('refuses to restart while running', async () => {
    await expect(server.restart()).rejects.toThrow('stop() or kill() it first');
  });

  it('restart on a port someone took meanwhile: PortInUseError with the log', async () => {
    await server.stop();
    const squatter = createServer((socket) => socket.destroy()).listen(server.port, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const failure = server.restart();
      await expect(failure).rejects.toBeInstanceOf(PortInUseError);
      await expect(failure).rejects.toThrow(/Address already in use/);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    await server.restart();
    expect(await selectOne(await connectClient())).toBe(1);
  });

  it('destroy: even frozen, leaves no process and no temp dir', async () => {
    const other = await ThrowawayMariaDb.start();
    await connectClient(other.clientOptions);
    other.freeze();
    await other.destroy();
    expect(processesIn(other.dir)).toEqual([]);
    expect(existsSync(other.dir)).toBe(false);
    expect(await tryConnect(other.port)).toBe('ECONNREFUSED');
  }, 30_000);
});
