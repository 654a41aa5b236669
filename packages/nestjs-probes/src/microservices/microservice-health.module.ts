import { type DynamicModule, type InjectionToken, Module } from '@nestjs/common';
import { registerReadyMadeCheckAsync } from '../ready-made/ready-made-check-async.registrar';
import {
  type ReadyMadeRegistration,
  registerReadyMadeCheck,
} from '../ready-made/ready-made-check.registrar';
import { MicroserviceHealthCheck } from './microservice-health.check';
import {
  type MicroserviceHealthAsyncOptions,
  type MicroserviceHealthOptions,
  type ResolvedMicroserviceHealthOptions,
} from './microservice-health-options.interface';
import { resolveMicroserviceOptions } from './microservice-health.validation';

/** The client's or server's token, unless the options are too broken to say (validation reports it). */
function tokenOf(
  options: Pick<MicroserviceHealthOptions, 'client' | 'server'> | undefined,
): InjectionToken[] {
  const token = options?.client ?? options?.server;
  return token === undefined ? [] : [token];
}

/**
 * Registers a check of one of the app's own `@nestjs/microservices` clients or servers (default
 * name `'microservice'`) of the NATS, RabbitMQ (RMQ), MQTT or Redis transport: down at once while
 * it is not connected, otherwise one cheap round trip on its existing connection (NATS PING, AMQP
 * passive declare of `amq.direct` on its channel, MQTT PINGREQ, Redis PING) within the timeout. It
 * never connects anything, and never creates a connection, queue, exchange or consumer; a client
 * the app has not connected yet is `down`.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), OrdersClientModule, MicroserviceHealthModule.register({ name: 'orders-bus', client: ORDERS, timeout: 1000, imports: [OrdersClientModule] })]
 * // a server: provide it (useFactory: () => new ServerNats({ servers })), listen with app.connectMicroservice({ strategy: app.get(ORDERS_SERVER) })
 * MicroserviceHealthModule.register({ name: 'orders-consumer', server: ORDERS_SERVER, imports: [OrdersServerModule] })
 * ```
 * @publicApi
 */
@Module({})
export class MicroserviceHealthModule {
  static register(options: MicroserviceHealthOptions): DynamicModule {
    return registerReadyMadeCheck({ ...MICROSERVICE_CHECK, options, inject: tokenOf(options) });
  }

  /**
   * `register()` with the options from `useFactory`, validated while the application bootstraps.
   * `client` or `server` sits next to `useFactory`: it is injected before any factory runs.
   */
  static registerAsync(options: MicroserviceHealthAsyncOptions): DynamicModule {
    return registerReadyMadeCheckAsync({
      ...MICROSERVICE_CHECK,
      options,
      inject: tokenOf(options),
      staticOptions: ['client', 'server'],
    });
  }
}

const MICROSERVICE_CHECK = {
  module: MicroserviceHealthModule,
  implementation: MicroserviceHealthCheck,
  defaultName: 'microservice',
  ownOptions: ['client', 'server', 'degradedAboveMs'],
  resolve: resolveMicroserviceOptions,
} satisfies Omit<
  ReadyMadeRegistration<MicroserviceHealthOptions, ResolvedMicroserviceHealthOptions>,
  'options'
>;
