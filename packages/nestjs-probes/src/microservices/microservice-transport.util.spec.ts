import { endpointOf, supportedClasses } from './microservice-transport.util';

describe('endpointOf', () => {
  it.each([
    ['ClientNats', 'NATS', 'client'],
    ['ClientRMQ', 'RabbitMQ', 'client'],
    ['ClientMqtt', 'MQTT', 'client'],
    ['ClientRedis', 'Redis', 'client'],
    ['ServerNats', 'NATS', 'server'],
    ['ServerRMQ', 'RabbitMQ', 'server'],
    ['ServerMqtt', 'MQTT', 'server'],
    ['ServerRedis', 'Redis', 'server'],
  ])('reads a %s as the %s %s, and so a subclass of it', (className, transport, role) => {
    const Nest = { [className]: class {} }[className];
    class AppSubclass extends Nest {}
    expect(endpointOf(new Nest())).toEqual({ transport, role });
    expect(endpointOf(new AppSubclass())).toEqual({ transport, role });
  });

  it.each([
    ['a Kafka client', new { ClientKafka: class {} }.ClientKafka()],
    ['a plain object', {}],
    ['null', null],
    ['a null-prototype object', Object.create(null)],
    ['a class named like one, not an instance', class ClientNats {}],
  ])('knows no transport for %s', (_, value) => {
    expect(endpointOf(value)).toBeUndefined();
  });

  it('lists the supported classes of each role', () => {
    expect(supportedClasses('server')).toEqual([
      'NATS (ServerNats)',
      'RabbitMQ (ServerRMQ)',
      'MQTT (ServerMqtt)',
      'Redis (ServerRedis)',
    ]);
  });
});
