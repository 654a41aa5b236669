import {
  type DynamicModule,
  type INestApplicationContext,
  Module,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type GrpcOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { onFreePort, PortInUseError } from '@internal/test-servers';
import { HealthModule } from 'nestjs-probes';
import { GrpcHealthModule, withGrpcHealth } from 'nestjs-probes/grpc';
import { readyIfFastify } from './test-app.util';

/** How the app serves gRPC: a hybrid app on either HTTP adapter, or a pure gRPC microservice. */
export type GrpcHost = 'express' | 'fastify' | 'microservice';

export const GRPC_HOSTS: readonly GrpcHost[] = ['express', 'fastify', 'microservice'];

export interface GrpcAppOptions {
  /** The provider holding the app's health checks. */
  readonly checks: Type;
  /** More providers of the app (an `APP_GUARD`, say). */
  readonly providers?: Provider[];
  readonly drainDelay?: number;
  readonly watchInterval?: number;
}

export interface GrpcTestApp {
  readonly app: INestApplicationContext & { close(): Promise<void> };
  /** `127.0.0.1:<port>` of the gRPC server. */
  readonly address: string;
  /** The HTTP origin of a hybrid app; undefined for a pure microservice. */
  readonly httpUrl?: string;
}

function appModule({
  checks,
  providers = [],
  drainDelay = 0,
  watchInterval,
}: GrpcAppOptions): DynamicModule {
  @Module({})
  class GrpcHealthTestModule {}
  return {
    module: GrpcHealthTestModule,
    imports: [
      HealthModule.forRoot({ shutdown: { drainDelay } }),
      GrpcHealthModule.register(watchInterval === undefined ? {} : { watchInterval }),
    ],
    providers: [checks, ...providers],
  };
}

function grpcOptions(port: number): GrpcOptions {
  return withGrpcHealth({ transport: Transport.GRPC, options: { url: `127.0.0.1:${port}` } });
}

/** Starts the app with its gRPC server on a free port (another one if that port is taken). */
export function startGrpcApp(host: GrpcHost, options: GrpcAppOptions): Promise<GrpcTestApp> {
  return onFreePort(async (port) => {
    try {
      return await start(host, options, port);
    } catch (error) {
      if (/EADDRINUSE|No address added/.test(String((error as Error)?.message))) {
        throw new PortInUseError(port, String((error as Error).message));
      }
      throw error;
    }
  });
}

async function start(host: GrpcHost, options: GrpcAppOptions, port: number): Promise<GrpcTestApp> {
  const address = `127.0.0.1:${port}`;
  if (host === 'microservice') {
    const app = await NestFactory.createMicroservice(appModule(options), {
      ...grpcOptions(port),
      logger: false,
    });
    await closeOnFailure(app, () => app.listen());
    return { app, address };
  }
  const app =
    host === 'fastify'
      ? await NestFactory.create(appModule(options), new FastifyAdapter(), { logger: false })
      : await NestFactory.create(appModule(options), { logger: false });
  app.connectMicroservice(grpcOptions(port));
  await closeOnFailure(app, async () => {
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    await readyIfFastify(app);
  });
  const httpUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, address, httpUrl };
}

async function closeOnFailure(app: { close(): Promise<void> }, run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
