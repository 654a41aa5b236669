import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';

/** The gRPC listener of the example: loopback only, as the pinned contract says. */
export const GRPC_HOST = '127.0.0.1';

/**
 * `GRPC_PORT` from the environment: `undefined` when unset or blank (HTTP only), else a port from
 * 1 to 65535; anything else stops the app with a message naming the variable.
 */
export function grpcPortOf(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.GRPC_PORT?.trim();
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(
      `Invalid environment: GRPC_PORT must be an integer from 1 to 65535 (got "${text}")`,
    );
  }
  return port;
}

/**
 * The application module with `GrpcHealthModule` beside it. Loaded only when `GRPC_PORT` is set:
 * `@nestjs/microservices` and `@grpc/*` are optional peers of nestjs-probes, so the HTTP-only app
 * (and its production image) runs without them.
 */
export async function withGrpcHealthModule(root: Type): Promise<DynamicModule> {
  const { GrpcHealthModule } = await import('nestjs-probes/grpc');
  @Module({})
  class HybridAppModule {}
  return { module: HybridAppModule, imports: [root, GrpcHealthModule.register()] };
}

/**
 * Makes `app` a hybrid app: a gRPC server on 127.0.0.1:`port` serving `grpc.health.v1.Health`
 * (`""`, `liveness`, `readiness`, `startup`), started before the HTTP listener. It closes with
 * the app: after the shutdown drain, so readiness reads NOT_SERVING there too while it drains.
 */
export async function connectGrpcHealth(app: INestApplication, port: number): Promise<string> {
  const [{ Transport }, { withGrpcHealth }] = await Promise.all([
    import('@nestjs/microservices'),
    import('nestjs-probes/grpc'),
  ]);
  const url = `${GRPC_HOST}:${port}`;
  app.connectMicroservice(withGrpcHealth({ transport: Transport.GRPC, options: { url } }));
  await app.startAllMicroservices();
  return url;
}
