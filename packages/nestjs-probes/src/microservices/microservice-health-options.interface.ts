import { type InjectionToken } from '@nestjs/common';
import { type ReadyMadeCheckAsyncOptions, type ReadyMadeCheckOptions } from '../interfaces';
import { type MicroserviceEndpoint } from './microservice-transport.util';

/**
 * Options of `MicroserviceHealthModule.register()`: exactly one of `client` and `server`.
 *
 * @publicApi
 */
export interface MicroserviceHealthOptions extends ReadyMadeCheckOptions {
  /**
   * The token under which the app provides its `ClientProxy` (the `name` given to
   * `ClientsModule.register()`), of the NATS, RabbitMQ (RMQ), MQTT or Redis transport. The check
   * reads that client and its existing connection; it never connects it nor opens a connection.
   */
  client?: InjectionToken;
  /**
   * The token under which the app provides its microservice server (`new ServerNats(options)`,
   * `ServerRMQ`, `ServerMqtt` or `ServerRedis`), the one it passes as `strategy` to
   * `app.connectMicroservice()` or `NestFactory.createMicroservice()`. The check reads its
   * existing connection, opened by `startAllMicroservices()` / `listen()`.
   */
  server?: InjectionToken;
  /**
   * A round trip slower than this (milliseconds) reports `degraded`.
   * @default undefined (latency alone never degrades)
   */
  degradedAboveMs?: number;
}

/**
 * What the check reports when the round trip answered.
 *
 * @publicApi
 */
export interface MicroserviceHealthDetails {
  /** `'NATS'`, `'RabbitMQ'`, `'MQTT'` or `'Redis'`. */
  transport: string;
  /** Milliseconds the round trip took. */
  latencyMs: number;
}

/** @internal */
export interface ResolvedMicroserviceHealthOptions {
  readonly endpoint: MicroserviceEndpoint;
  readonly degradedAboveMs?: number;
}

/**
 * Options of `MicroserviceHealthModule.registerAsync()`: `useFactory` returns the options of
 * `register()` but `imports`, `client` and `server`, which sit next to it (the client or server is
 * injected before any factory runs). `@HealthCheck()` options may also sit next to it; the
 * factory's win.
 *
 * @example
 * ```ts
 * MicroserviceHealthModule.registerAsync({ client: ORDERS, imports: [OrdersClientModule, ConfigModule], inject: [ConfigService], useFactory: (config: ConfigService) => ({ name: 'orders-bus', timeout: config.get('BUS_CHECK_TIMEOUT') }) })
 * ```
 * @publicApi
 */
export interface MicroserviceHealthAsyncOptions extends ReadyMadeCheckAsyncOptions<
  Omit<MicroserviceHealthOptions, 'imports' | 'client' | 'server'>
> {
  /** The token of the app's own `ClientProxy`; exactly one of `client` and `server`. */
  client?: MicroserviceHealthOptions['client'];
  /** The token of the app's own microservice server (its transport strategy). */
  server?: MicroserviceHealthOptions['server'];
}
