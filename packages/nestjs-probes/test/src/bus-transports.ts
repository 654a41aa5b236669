import { type INestApplication } from '@nestjs/common';
import {
  type CustomTransportStrategy,
  ServerMqtt,
  ServerNats,
  ServerRedis,
  ServerRMQ,
  Transport,
} from '@nestjs/microservices';
import {
  ThrowawayMosquitto,
  ThrowawayNats,
  ThrowawayRabbitMq,
  ThrowawayRedis,
  type ThrowawayServer,
} from '@internal/test-servers';
import { type MicroserviceRole } from '../../src/microservices/microservice-transport.util';
import { BUS_SERVER, type BusClientOptions, MessageBusModule } from './message-bus.module';
import { createApp, initApp } from './test-app.util';

/** A throwaway broker with what the tests need of it. */
export type Broker = ThrowawayServer & { url: string };

/** One transport: its throwaway broker, and the app's client and server of it. */
export interface BusTransport<B extends Broker = Broker> {
  transport: 'NATS' | 'RabbitMQ' | 'MQTT' | 'Redis';
  start: () => Promise<B>;
  /** How long starting the broker may take (RabbitMQ: seconds). */
  startWithinMs: number;
  /** The app's client of `broker`, reconnecting every `reconnectMs`. */
  clientOptions: (broker: B) => BusClientOptions;
  /** The app's server (`new ServerNats(...)`...) of `broker`, reconnecting every `reconnectMs`. */
  createServer: (broker: B) => CustomTransportStrategy;
  /** The reconnect delay of the client and server. */
  reconnectMs: number;
}

const RECONNECT_MS = 100;

const natsOptions = (nats: ThrowawayNats) => ({
  servers: [nats.url],
  reconnectTimeWait: RECONNECT_MS,
  reconnectJitter: 0,
  maxReconnectAttempts: -1,
});

export const NATS_BUS: BusTransport<ThrowawayNats> = {
  transport: 'NATS',
  start: () => ThrowawayNats.start(),
  startWithinMs: 30_000,
  clientOptions: (nats) => ({ transport: Transport.NATS, options: natsOptions(nats) }),
  createServer: (nats) => new ServerNats(natsOptions(nats)),
  reconnectMs: RECONNECT_MS,
};

export const MQTT_BUS: BusTransport<ThrowawayMosquitto> = {
  transport: 'MQTT',
  start: () => ThrowawayMosquitto.start(),
  startWithinMs: 30_000,
  clientOptions: (mosquitto) => ({
    transport: Transport.MQTT,
    options: { url: mosquitto.url, reconnectPeriod: RECONNECT_MS },
  }),
  createServer: (mosquitto) =>
    new ServerMqtt({ url: mosquitto.url, reconnectPeriod: RECONNECT_MS }),
  reconnectMs: RECONNECT_MS,
};

const redisOptions = (redis: ThrowawayRedis) => ({
  ...redis.connectionOptions,
  retryAttempts: 10_000,
  retryDelay: RECONNECT_MS,
});

export const REDIS_BUS: BusTransport<ThrowawayRedis> = {
  transport: 'Redis',
  start: () => ThrowawayRedis.start(),
  startWithinMs: 30_000,
  clientOptions: (redis) => ({ transport: Transport.REDIS, options: redisOptions(redis) }),
  createServer: (redis) => new ServerRedis(redisOptions(redis)),
  reconnectMs: RECONNECT_MS,
};

// amqp-connection-manager's reconnect delay (in seconds there).
const AMQP_RECONNECT_MS = 200;
const rmqOptions = (rabbit: ThrowawayRabbitMq) => ({
  urls: [rabbit.url],
  queue: 'orders',
  queueOptions: { durable: false },
  socketOptions: { reconnectTimeInSeconds: AMQP_RECONNECT_MS / 1000 },
});

export const RABBITMQ_BUS: BusTransport<ThrowawayRabbitMq> = {
  transport: 'RabbitMQ',
  start: () => ThrowawayRabbitMq.start(),
  startWithinMs: 90_000,
  clientOptions: (rabbit) => ({ transport: Transport.RMQ, options: rmqOptions(rabbit) }),
  createServer: (rabbit) => new ServerRMQ(rmqOptions(rabbit)),
  reconnectMs: AMQP_RECONNECT_MS,
};

/**
 * Boots the app with its client of `broker` (connected at bootstrap) or its server (listening
 * through `connectMicroservice`), and the microservice check of it with `check`'s options.
 * `connected: false` leaves the client lazy, or the server not started.
 */
export async function startBusApp<B extends Broker>(
  bus: BusTransport<B>,
  broker: B,
  role: MicroserviceRole,
  check: object,
  connected = true,
): Promise<INestApplication> {
  if (role === 'client') {
    const module = MessageBusModule.registerClient(bus.clientOptions(broker), check, {
      connect: connected,
    });
    return initApp(await createApp('express', module));
  }
  const module = MessageBusModule.registerServer(() => bus.createServer(broker), check);
  const app = await createApp('express', module);
  app.connectMicroservice({ strategy: app.get(BUS_SERVER) });
  await initApp(app);
  if (connected) await app.startAllMicroservices();
  return app;
}
