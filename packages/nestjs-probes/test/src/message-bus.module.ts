import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  type ClientProviderOptions,
  type ClientProxy,
  ClientsModule,
  type CustomTransportStrategy,
} from '@nestjs/microservices';
import { type HealthModuleSyncOptions } from 'nestjs-probes';
import {
  MicroserviceHealthModule,
  type MicroserviceHealthOptions,
} from 'nestjs-probes/microservices';
import { AppModule } from './app.module';

/** Where the test app provides its message-bus client (`ClientsModule.register({ name })`). */
export const BUS_CLIENT = 'TEST:BUS_CLIENT';

/** Where the test app provides the server it listens with (`connectMicroservice({ strategy })`). */
export const BUS_SERVER = 'TEST:BUS_SERVER';

/** Connects the client when the app starts, as Nest's docs advise for eager clients. */
@Injectable()
class BusConnector implements OnApplicationBootstrap {
  constructor(@Inject(BUS_CLIENT) private readonly client: ClientProxy) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect();
  }
}

@Module({})
class BusServerModule {}

export type BusClientOptions = Omit<ClientProviderOptions, 'name'>;

interface AppOptions {
  /** Whether the app connects its client at bootstrap (else it stays lazy). @default true */
  connect?: boolean;
  health?: HealthModuleSyncOptions;
  /** Registers the check with `registerAsync`, its options from a factory. @default false */
  async?: boolean;
}

/**
 * An app with one `@nestjs/microservices` client or server, from a module that is not global, and
 * the microservice check of it.
 */
@Module({})
export class MessageBusModule {
  /** A client from `ClientsModule`; `connect: false` leaves it lazy (connected on first send). */
  static registerClient(
    client: BusClientOptions,
    check: Partial<MicroserviceHealthOptions>,
    { connect = true, health = {}, async = false }: AppOptions = {},
  ): DynamicModule {
    const clients = ClientsModule.register([
      { name: BUS_CLIENT, ...client } as ClientProviderOptions,
    ]);
    const healthCheck = async
      ? MicroserviceHealthModule.registerAsync({
          client: BUS_CLIENT,
          imports: [clients],
          useFactory: async () => check,
        })
      : MicroserviceHealthModule.register({ client: BUS_CLIENT, imports: [clients], ...check });
    return AppModule.registerChecks(connect ? [BusConnector] : [], health, [clients, healthCheck]);
  }

  /** A server provided under `BUS_SERVER`, for the test to listen with (see `listenOnBus`). */
  static registerServer(
    createServer: () => CustomTransportStrategy,
    check: Partial<MicroserviceHealthOptions>,
    { health = {} }: AppOptions = {},
  ): DynamicModule {
    const servers: DynamicModule = {
      module: BusServerModule,
      providers: [{ provide: BUS_SERVER, useFactory: createServer }],
      exports: [BUS_SERVER],
    };
    return AppModule.registerChecks([], health, [
      servers,
      MicroserviceHealthModule.register({ server: BUS_SERVER, imports: [servers], ...check }),
    ]);
  }
}
