/** @internal */
export type MicroserviceTransport = 'NATS' | 'RabbitMQ' | 'MQTT' | 'Redis';

/** @internal A client (`ClientProxy`) or a server (the strategy a microservice listens with). */
export type MicroserviceRole = 'client' | 'server';

/** @internal */
export interface MicroserviceEndpoint {
  readonly transport: MicroserviceTransport;
  readonly role: MicroserviceRole;
}

/**
 * The classes `@nestjs/microservices` (11 and 12) builds for each transport the check reads
 * (`ClientsModule.register({ transport })`, `ClientProxyFactory.create`, or `new ServerNats()`...
 * given as `strategy`). Clients and servers alike have the `status` observable and `unwrap()`.
 *
 * @internal
 */
export const NEST_CLASSES: Readonly<Record<string, MicroserviceEndpoint>> = {
  ClientNats: { transport: 'NATS', role: 'client' },
  ClientRMQ: { transport: 'RabbitMQ', role: 'client' },
  ClientMqtt: { transport: 'MQTT', role: 'client' },
  ClientRedis: { transport: 'Redis', role: 'client' },
  ServerNats: { transport: 'NATS', role: 'server' },
  ServerRMQ: { transport: 'RabbitMQ', role: 'server' },
  ServerMqtt: { transport: 'MQTT', role: 'server' },
  ServerRedis: { transport: 'Redis', role: 'server' },
};

/** @internal The class names of `role`, with their transports, for error messages. */
export const supportedClasses = (role: MicroserviceRole): string[] =>
  Object.entries(NEST_CLASSES)
    .filter(([, endpoint]) => endpoint.role === role)
    .map(([name, { transport }]) => `${transport} (${name})`);

/**
 * What a client or server is, from the name of the Nest class it is (or extends). Names rather
 * than `instanceof`: an app and this package may load different copies of
 * `@nestjs/microservices`, and the package loads it not at all.
 *
 * @internal
 */
export function endpointOf(instance: unknown): MicroserviceEndpoint | undefined {
  if (typeof instance !== 'object' || instance === null) return undefined;
  for (let proto = Object.getPrototypeOf(instance); proto; proto = Object.getPrototypeOf(proto)) {
    const name = (proto.constructor as { name?: string } | undefined)?.name;
    if (name && Object.hasOwn(NEST_CLASSES, name)) return NEST_CLASSES[name];
  }
  return undefined;
}
