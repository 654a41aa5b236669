import { EventEmitter } from 'node:events';
import { ReplaySubject } from 'rxjs';
import { PING_SLOW } from '../ready-made/ready-made.messages';
import { interpretCheckValue } from '../results/check-value.interpreter';
import { MicroserviceHealthCheck } from './microservice-health.check';
import { type MicroserviceTransport } from './microservice-transport.util';
import {
  BROKER_BLOCKS,
  CONNECTION_GONE,
  HAS_NO_CONNECTION,
  NOT_CONNECTED,
} from './microservices.messages';
import { type MicroserviceLike } from './transport-connection.util';

/** A client shaped like the Nest ones: a replayed `status`, `unwrap()` and (RMQ) `channel`. */
function fakeClient(underlying: unknown, channel?: unknown) {
  const status$ = new ReplaySubject<string>(1);
  const unwrap = jest.fn(() => {
    if (underlying === undefined) throw new Error('Not initialized');
    return underlying;
  });
  const client = { status: status$.asObservable(), unwrap, channel } as unknown as MicroserviceLike;
  return { client, status$, unwrap };
}

const asClient = (transport: MicroserviceTransport) => ({ transport, role: 'client' as const });

const checkOf = (
  transport: MicroserviceTransport,
  client: MicroserviceLike,
  degradedAboveMs?: number,
) => new MicroserviceHealthCheck({ endpoint: asClient(transport), degradedAboveMs }, client);

const read = async (check: MicroserviceHealthCheck) => interpretCheckValue(await check.check());

function natsConnection(flush = jest.fn(async () => undefined)) {
  return { isClosed: jest.fn(() => false), flush };
}

describe('MicroserviceHealthCheck', () => {
  it('is down at once, reading nothing, while the client has never emitted a status', async () => {
    const { client, unwrap } = fakeClient(natsConnection());
    expect(await read(checkOf('NATS', client))).toEqual({
      status: 'down',
      error: HAS_NO_CONNECTION(asClient('NATS')),
    });
    expect(unwrap).not.toHaveBeenCalled();
  });

  it.each(['disconnected', 'reconnecting', 'closed'])(
    'is down at once, sending nothing, while the client is "%s"',
    async (status) => {
      const connection = natsConnection();
      const { client, status$ } = fakeClient(connection);
      status$.next(status);
      expect(await read(checkOf('NATS', client))).toEqual({
        status: 'down',
        error: NOT_CONNECTED(asClient('NATS'), status),
      });
      expect(connection.flush).not.toHaveBeenCalled();
    },
  );

  it('follows the status as it changes, from a subscription taken when it is built', async () => {
    const { client, status$ } = fakeClient(natsConnection());
    const check = checkOf('NATS', client);
    status$.next('connected');
    expect((await read(check)).status).toBe('up');
    status$.next('disconnected');
    expect((await read(check)).status).toBe('down');
    status$.next('connected');
    expect((await read(check)).status).toBe('up');
  });

  it('is down when unwrap() throws: connected once, closed since', async () => {
    const { client, status$ } = fakeClient(undefined);
    status$.next('connected');
    expect(await read(checkOf('Redis', client))).toEqual({
      status: 'down',
      error: HAS_NO_CONNECTION(asClient('Redis')),
    });
  });

  describe('NATS', () => {
    it('flushes (PING/PONG) a connected client and reports the latency', async () => {
      const connection = natsConnection();
      const { client, status$ } = fakeClient(connection);
      status$.next('connected');
      expect(await read(checkOf('NATS', client))).toEqual({
        status: 'up',
        details: { transport: 'NATS', latencyMs: expect.any(Number) },
      });
      expect(connection.flush).toHaveBeenCalledTimes(1);
    });

    it('is down when the connection is closed though the status still says connected', async () => {
      const connection = { ...natsConnection(), isClosed: () => true };
      const { client, status$ } = fakeClient(connection);
      status$.next('connected');
      expect(await read(checkOf('NATS', client))).toEqual({
        status: 'down',
        error: CONNECTION_GONE(asClient('NATS'), 'its NATS connection is closed'),
      });
      expect(connection.flush).not.toHaveBeenCalled();
    });

    it('sends no second PING while the first is unanswered (a frozen server)', async () => {
      const connection = natsConnection(jest.fn(() => new Promise<undefined>(() => undefined)));
      const { client, status$ } = fakeClient(connection);
      status$.next('connected');
      const check = checkOf('NATS', client);
      void check.check().catch(() => undefined);
      await expect(check.check()).rejects.toThrow(/^no answer to the previous NATS PING/);
      expect(connection.flush).toHaveBeenCalledTimes(1);
    });

    it('is degraded when the round trip is slower than degradedAboveMs', async () => {
      const slowFlush = jest.fn(
        () => new Promise<undefined>((done) => setTimeout(() => done(undefined), 30)),
      );
      const { client, status$ } = fakeClient(natsConnection(slowFlush));
      status$.next('connected');
      const reading = await read(checkOf('NATS', client, 1));
      expect(reading.status).toBe('degraded');
      const latencyMs = reading.details!.latencyMs as number;
      expect(reading.error).toBe(PING_SLOW(latencyMs, 1));
    });
  });

  describe('RabbitMQ', () => {
    const manager = (connected: boolean) => ({ isConnected: () => connected });

    it('declares amq.direct passively on the client`s own channel', async () => {
      const channel = { checkExchange: jest.fn(async () => ({})) };
      const { client, status$ } = fakeClient(manager(true), channel);
      status$.next('connected');
      expect((await read(checkOf('RabbitMQ', client))).details).toEqual({
        transport: 'RabbitMQ',
        latencyMs: expect.any(Number),
      });
      expect(channel.checkExchange).toHaveBeenCalledWith('amq.direct');
    });

    it('counts "unblocked" as connected, and "blocked" as down', async () => {
      const channel = { checkExchange: jest.fn(async () => ({})) };
      const { client, status$ } = fakeClient(manager(true), channel);
      const check = checkOf('RabbitMQ', client);
      status$.next('blocked');
      expect(await read(check)).toEqual({
        status: 'down',
        error: BROKER_BLOCKS(asClient('RabbitMQ')),
      });
      status$.next('unblocked');
      expect((await read(check)).status).toBe('up');
    });

    it.each([
      [manager(false), { checkExchange: jest.fn() }, 'amqp-connection-manager has no connection'],
      [manager(true), null, 'it has no channel'],
    ])('is down without a connection or a channel', async (underlying, channel, reason) => {
      const { client, status$ } = fakeClient(underlying, channel);
      status$.next('connected');
      expect(await read(checkOf('RabbitMQ', client))).toEqual({
        status: 'down',
        error: CONNECTION_GONE(asClient('RabbitMQ'), reason),
      });
    });
  });

  describe('MQTT', () => {
    function mqttClient(connected = true) {
      const emitter = new EventEmitter();
      const sendPing = jest.fn(() => emitter.emit('packetreceive', { cmd: 'pingresp' }));
      return Object.assign(emitter, { connected, sendPing });
    }

    it('sends PINGREQ and waits for PINGRESP, leaving no listener behind', async () => {
      const mqtt = mqttClient();
      const { client, status$ } = fakeClient(mqtt);
      status$.next('connected');
      expect((await read(checkOf('MQTT', client))).status).toBe('up');
      expect(mqtt.sendPing).toHaveBeenCalledTimes(1);
      expect(mqtt.listenerCount('packetreceive') + mqtt.listenerCount('close')).toBe(0);
    });

    it('fails when the connection closes before PINGRESP', async () => {
      const mqtt = Object.assign(mqttClient(), { sendPing: jest.fn() });
      const { client, status$ } = fakeClient(mqtt);
      status$.next('connected');
      const answer = checkOf('MQTT', client).check();
      mqtt.emit('close');
      await expect(answer).rejects.toThrow('the MQTT connection closed before PINGRESP');
      expect(mqtt.listenerCount('packetreceive')).toBe(0);
    });

    it('fails, leaving no listener behind, when sendPing() throws', async () => {
      const mqtt = Object.assign(mqttClient(), {
        sendPing: jest.fn(() => {
          throw new Error('client disconnecting');
        }),
      });
      const { client, status$ } = fakeClient(mqtt);
      status$.next('connected');
      await expect(checkOf('MQTT', client).check()).rejects.toThrow('client disconnecting');
      expect(mqtt.listenerCount('packetreceive') + mqtt.listenerCount('close')).toBe(0);
    });

    it('is down when mqtt.js says it is not connected', async () => {
      const { client, status$ } = fakeClient(mqttClient(false));
      status$.next('connected');
      expect(await read(checkOf('MQTT', client))).toEqual({
        status: 'down',
        error: CONNECTION_GONE(asClient('MQTT'), 'mqtt.js is not connected'),
      });
    });

    it('trusts the connected flag of an mqtt.js without sendPing()', async () => {
      const { client, status$ } = fakeClient(
        Object.assign(new EventEmitter(), { connected: true }),
      );
      status$.next('connected');
      expect((await read(checkOf('MQTT', client))).status).toBe('up');
    });
  });

  describe('Redis', () => {
    const redis = (status = 'ready') => ({ status, ping: jest.fn(async () => 'PONG') });

    it('pings both connections of the transport', async () => {
      const [publisher, subscriber] = [redis(), redis()];
      const { client, status$ } = fakeClient([publisher, subscriber]);
      status$.next('connected');
      expect((await read(checkOf('Redis', client))).status).toBe('up');
      expect(publisher.ping).toHaveBeenCalledTimes(1);
      expect(subscriber.ping).toHaveBeenCalledTimes(1);
    });

    it('is down, sending nothing, while either connection is not ready', async () => {
      const [publisher, subscriber] = [redis(), redis('reconnecting')];
      const { client, status$ } = fakeClient([publisher, subscriber]);
      status$.next('connected');
      expect(await read(checkOf('Redis', client))).toEqual({
        status: 'down',
        error: CONNECTION_GONE(asClient('Redis'), 'its subscribing connection is "reconnecting"'),
      });
      expect(publisher.ping).not.toHaveBeenCalled();
    });
  });

  it('names a server as such, with how it connects', async () => {
    const { client: server } = fakeClient(natsConnection());
    const endpoint = { transport: 'NATS', role: 'server' } as const;
    const check = new MicroserviceHealthCheck({ endpoint }, server);
    const reading = await read(check);
    expect(reading.error).toBe(HAS_NO_CONNECTION(endpoint));
    expect(reading.error).toMatch(
      /^the NATS server has no connection .* startAllMicroservices\(\)/,
    );
  });

  it('stops following the status on module destroy', () => {
    const { client, status$ } = fakeClient(natsConnection());
    const check = checkOf('NATS', client);
    expect(status$.observed).toBe(true);
    check.onModuleDestroy();
    expect(status$.observed).toBe(false);
  });
});
