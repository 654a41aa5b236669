import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { type ChannelModel, connect as connectAmqp } from 'amqplib';
import { connectAsync as connectMqtt } from 'mqtt';
import { connect as connectNats } from 'nats';
import { pollUntil } from '../src/poll-until';
import { isInside, runningProcesses } from '../src/process-table';
import { ThrowawayMosquitto } from '../src/throwaway-mosquitto';
import { ThrowawayNats } from '../src/throwaway-nats';
import { ThrowawayRabbitMq } from '../src/throwaway-rabbitmq';
import { type ThrowawayServer } from '../src/throwaway-server';

const NO_ANSWER_WITHIN_MS = 300;
jest.setTimeout(60_000);

/** One client connection of a broker's own protocol. */
interface BrokerClient {
  /** A request the broker must answer (NATS PING, MQTT QoS 1 PUBACK, AMQP passive declare). */
  roundTrip(): Promise<void>;
  /** Resolves once the connection is closed, by either side. */
  readonly closed: Promise<unknown>;
  close(): Promise<void>;
}

type Broker = ThrowawayServer & { url: string };

async function natsClient(broker: Broker): Promise<BrokerClient> {
  const nc = await connectNats({ servers: broker.url, reconnect: false, timeout: 1_000 });
  return { roundTrip: () => nc.flush(), closed: nc.closed(), close: () => nc.close() };
}

async function mqttClient(broker: Broker): Promise<BrokerClient> {
  const client = await connectMqtt(broker.url, { reconnectPeriod: 0, connectTimeout: 1_000 });
  client.on('error', () => undefined);
  return {
    roundTrip: async () => void (await client.publishAsync('t', 'x', { qos: 1 })),
    closed: new Promise((resolve) => client.once('close', () => resolve(undefined))),
    close: () => client.endAsync(),
  };
}

async function amqpClient(broker: Broker): Promise<BrokerClient> {
  const connection: ChannelModel = await connectAmqp(broker.url);
  connection.on('error', () => undefined);
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  return {
    roundTrip: async () => void (await channel.checkExchange('amq.direct')),
    closed: new Promise((resolve) => connection.once('close', resolve)),
    close: () => connection.close().catch(() => undefined),
  };
}

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), ms)),
  ]);
}

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

const processesIn = (dir: string) =>
  runningProcesses().filter((process) => isInside(process.cwd, dir));

describe.each([
  ['ThrowawayNats', () => ThrowawayNats.start(), natsClient, 4222, 'nats://'],
  ['ThrowawayMosquitto', () => ThrowawayMosquitto.start(), mqttClient, 1883, 'mqtt://'],
  ['ThrowawayRabbitMq', () => ThrowawayRabbitMq.start(), amqpClient, 5672, 'amqp://guest:guest@'],
] as const)('%s', (_, start, connectClient, sharedPort, scheme) => {
  let broker: Broker;
  const clients: BrokerClient[] = [];

  const open = async () => {
    const client = await connectClient(broker);
    clients.push(client);
    return client;
  };
  const countIs = (expected: number) =>
    pollUntil(async () => (await broker.connectionCount()) === expected, {
      what: `${expected} connections`,
      timeoutMs: 5_000,
      intervalMs: 50,
    });

  beforeAll(async () => {
    broker = await start();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
  });

  afterAll(() => broker?.destroy(), 30_000);

  it('serves on its own free 127.0.0.1 port, not the shared one', async () => {
    expect(broker.port).not.toBe(sharedPort);
    expect(broker.url).toBe(`${scheme}127.0.0.1:${broker.port}`);
    await (await open()).roundTrip();
  });

  it('counts the client connections open, as the broker sees them', async () => {
    await countIs(0);
    const [first] = [await open(), await open()];
    expect(await broker.connectionCount()).toBe(2);
    await first.close();
    await countIs(1);
    const rabbit = broker;
    if (rabbit instanceof ThrowawayRabbitMq) {
      await pollUntil(async () => (await rabbit.listedConnections()) === 1, {
        what: 'rabbitmqctl to list 1 connection',
        timeoutMs: 20_000,
        intervalMs: 100,
      });
    }
  });

  it('freezes: an open connection gets no answer until resumed', async () => {
    const held = await open();
    broker.freeze();
    const answer = held.roundTrip();
    try {
      await expect(withinMs(answer, NO_ANSWER_WITHIN_MS)).rejects.toThrow('no answer');
    } finally {
      broker.resume();
    }
    await answer;
    await held.roundTrip();
  });

  it('kill: drops open connections and refuses new ones; restart: same port', async () => {
    const held = await open();
    const port = broker.port;
    await broker.kill();
    await held.closed;
    expect(processesIn(broker.dir)).toEqual([]);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await broker.restart();
    expect(broker.port).toBe(port);
    await (await open()).roundTrip();
  }, 60_000);

  it('stop: closes open connections and exits; restart: answers again', async () => {
    const held = await open();
    await broker.stop();
    await held.closed;
    expect(await tryConnect(broker.port)).toBe('ECONNREFUSED');
    await broker.restart();
    await (await open()).roundTrip();
  }, 60_000);

  it('destroy: even frozen, leaves no process and no temp dir', async () => {
    await open();
    broker.freeze();
    await broker.destroy();
    expect(processesIn(broker.dir)).toEqual([]);
    expect(existsSync(broker.dir)).toBe(false);
    expect(await tryConnect(broker.port)).toBe('ECONNREFUSED');
    if (broker instanceof ThrowawayRabbitMq) {
      expect(await tryConnect(broker.epmdPort)).toBe('ECONNREFUSED');
    }
  }, 30_000);
});
