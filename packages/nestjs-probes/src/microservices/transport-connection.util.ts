import { type MicroserviceTransport } from './microservice-transport.util';

/** The few members of a Nest client (`ClientProxy`) or server the check reads. @internal */
export interface MicroserviceLike {
  readonly status: { subscribe(observer: Partial<StatusObserver>): { unsubscribe(): void } };
  unwrap<T>(): T;
}

interface StatusObserver {
  next(status: string): void;
  error(error: unknown): void;
}

/**
 * The existing connection of one of the app's clients or servers, as its library sees it.
 *
 * @internal
 */
export interface TransportConnection {
  /** Why the library itself says the connection is unusable right now; undefined when it is not. */
  unusable(): string | undefined;
  /** One cheap round trip on the existing connection, creating nothing on the broker. */
  roundTrip(): Promise<void>;
}

interface NatsConnectionLike {
  isClosed(): boolean;
  flush(): Promise<void>;
}

interface AmqpManagerLike {
  isConnected(): boolean;
}

interface AmqpChannelLike {
  checkExchange(exchange: string): Promise<unknown>;
}

interface MqttClientLike {
  connected: boolean;
  sendPing?: () => void;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

interface IoRedisLike {
  status: string;
  ping(): Promise<unknown>;
}

/**
 * The round trip of each transport, as "no answer to the previous ..." names it.
 *
 * @internal
 */
export const ROUND_TRIPS: Record<MicroserviceTransport, string> = {
  NATS: 'NATS PING',
  RabbitMQ: 'AMQP passive declare of amq.direct',
  MQTT: 'MQTT PINGREQ',
  Redis: 'Redis PING',
};

// Declared by every broker: AMQP 0-9-1 requires amq.direct in each vhost, and RabbitMQ refuses to
// delete it. A passive declare needs no permission and creates nothing.
const BUILT_IN_EXCHANGE = 'amq.direct';

/**
 * The connection behind `client` (a client or server of `transport`). Throws when it has none
 * (`unwrap()` before `connect()` or `listen()`, or after `close()`).
 *
 * @internal
 */
export function connectionOf(
  transport: MicroserviceTransport,
  client: MicroserviceLike,
): TransportConnection {
  switch (transport) {
    case 'NATS':
      return natsConnection(client.unwrap<NatsConnectionLike>());
    case 'RabbitMQ':
      return amqpConnection(client);
    case 'MQTT':
      return mqttConnection(client.unwrap<MqttClientLike>());
    case 'Redis':
      return redisConnection(client.unwrap<[IoRedisLike, IoRedisLike]>());
  }
}

/** PING/PONG through `flush()`: the server has read everything sent before it. */
function natsConnection(connection: NatsConnectionLike): TransportConnection {
  return {
    unusable: () => (connection.isClosed() ? 'its NATS connection is closed' : undefined),
    roundTrip: () => connection.flush(),
  };
}

/** A passive declare of a built-in exchange on the client's (or server's) own channel. */
function amqpConnection(client: MicroserviceLike): TransportConnection {
  const manager = client.unwrap<AmqpManagerLike>();
  // ClientRMQ and ServerRMQ keep their channel (an amqp-connection-manager ChannelWrapper) there.
  const channel = (client as unknown as { channel?: AmqpChannelLike | null }).channel;
  return {
    unusable: () => {
      if (!manager.isConnected()) return 'amqp-connection-manager has no connection';
      if (!channel) return 'it has no channel';
      return undefined;
    },
    roundTrip: async () => {
      await channel!.checkExchange(BUILT_IN_EXCHANGE);
    },
  };
}

/** PINGREQ/PINGRESP, where mqtt.js exposes `sendPing()` (v5); the connected flag alone otherwise. */
function mqttConnection(mqtt: MqttClientLike): TransportConnection {
  return {
    unusable: () => (mqtt.connected ? undefined : 'mqtt.js is not connected'),
    roundTrip: () => (typeof mqtt.sendPing === 'function' ? mqttPing(mqtt) : Promise.resolve()),
  };
}

function mqttPing(mqtt: MqttClientLike): Promise<void> {
  return new Promise((resolve, reject) => {
    const onPacket = (packet: { cmd?: string }): void => {
      if (packet.cmd !== 'pingresp') return;
      settle();
      resolve();
    };
    const onClose = (): void => {
      settle();
      reject(new Error('the MQTT connection closed before PINGRESP'));
    };
    const settle = (): void => {
      mqtt.off('packetreceive', onPacket);
      mqtt.off('close', onClose);
    };
    mqtt.on('packetreceive', onPacket);
    mqtt.on('close', onClose);
    try {
      mqtt.sendPing!();
    } catch (error) {
      settle();
      reject(error);
    }
  });
}

/** PING on both connections of the transport: messages go out on one and come in on the other. */
function redisConnection([publisher, subscriber]: [IoRedisLike, IoRedisLike]): TransportConnection {
  return {
    unusable: () => {
      for (const [role, redis] of [
        ['publishing', publisher],
        ['subscribing', subscriber],
      ] as const) {
        if (redis.status !== 'ready') return `its ${role} connection is "${redis.status}"`;
      }
      return undefined;
    },
    roundTrip: async () => {
      await Promise.all([publisher.ping(), subscriber.ping()]);
    },
  };
}
