import { createRequire } from 'node:module';
import { type GrpcOptions } from '@nestjs/microservices';
import { HealthConfigurationError } from '../errors';
import { isPlainObject } from '../options/option.validators';
import { GRPC_HEALTH_PACKAGE, GRPC_HEALTH_PROTO_PATH } from './grpc-health.constants';
import { INVALID_GRPC_SERVER_OPTIONS } from './grpc.messages';

/**
 * The gRPC microservice options `withGrpcHealth()` takes: Nest's `GrpcOptions`, where `package`
 * and `protoPath` may be left out for a server that serves only the health service.
 *
 * @publicApi
 */
export type GrpcHealthServerOptions = Omit<GrpcOptions, 'options'> & {
  options: Omit<GrpcOptions['options'], 'package'> & { package?: string | string[] };
};

/**
 * Returns the gRPC microservice options with the health service added: `grpc.health.v1` in
 * `package`, and the health proto shipped with this package in `protoPath` (or, when the options
 * give a `packageDefinition` instead, its definition merged in). The options given are not
 * changed. Serve it with `GrpcHealthModule`.
 *
 * @example
 * ```ts
 * app.connectMicroservice(
 *   withGrpcHealth({ transport: Transport.GRPC, options: { package: 'orders', protoPath, url } }),
 * );
 * ```
 * @publicApi
 */
export function withGrpcHealth(server: GrpcHealthServerOptions): GrpcOptions {
  if (!isPlainObject(server) || !isPlainObject(server.options)) {
    throw new HealthConfigurationError(INVALID_GRPC_SERVER_OPTIONS(server));
  }
  const { options } = server;
  const packages = union(options.package, GRPC_HEALTH_PACKAGE);
  // Nest takes a protoPath or a packageDefinition, never both.
  const proto =
    options.packageDefinition === undefined
      ? { protoPath: union(options.protoPath, GRPC_HEALTH_PROTO_PATH) }
      : {
          packageDefinition: {
            ...loadHealthDefinition(options.loader),
            ...(options.packageDefinition as object),
          },
        };
  return { ...server, options: { ...options, package: packages, ...proto } } as GrpcOptions;
}

function union(given: string | string[] | undefined, added: string): string[] {
  const list = given === undefined ? [] : Array.isArray(given) ? given : [given];
  return list.includes(added) ? [...list] : [...list, added];
}

/** Loaded only for a `packageDefinition`: `@grpc/proto-loader` is then the app's own dependency. */
function loadHealthDefinition(loader: GrpcOptions['options']['loader']): object {
  const require = createRequire(__filename);
  const protoLoader = require('@grpc/proto-loader') as typeof import('@grpc/proto-loader');
  return protoLoader.loadSync(GRPC_HEALTH_PROTO_PATH, loader as never);
}
