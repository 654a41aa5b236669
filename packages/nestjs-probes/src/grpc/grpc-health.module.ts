import { type DynamicModule, Module } from '@nestjs/common';
import { GRPC_HEALTH_OPTIONS, GRPC_RESOLVED_OPTIONS } from './grpc-health.constants';
import { GrpcHealthController } from './grpc-health.controller';
import { type GrpcHealthOptions } from './grpc-health-options.interface';
import { resolveGrpcHealthOptions } from './grpc-health.validation';
import { GrpcHealthWatcher } from './grpc-health.watcher';
import { GrpcServingStatusReader } from './grpc-serving-status.reader';

/**
 * Serves the standard gRPC health service, `grpc.health.v1.Health` (`Check`, `Watch`, `List`), on
 * the application's own Nest gRPC server, from the same probes as the HTTP routes: `""` and
 * `readiness` are readiness, `liveness` and `startup` the other two; `up` and `degraded` are
 * `SERVING`, `down` is `NOT_SERVING`. Give the server the health proto with `withGrpcHealth()`.
 * Needs `HealthModule`, and the optional peer dependencies `@nestjs/microservices`,
 * `@grpc/grpc-js` and `@grpc/proto-loader`.
 *
 * @example
 * ```ts
 * imports: [HealthModule.forRoot(), GrpcHealthModule.register()]
 * // main.ts
 * app.connectMicroservice(withGrpcHealth({ transport: Transport.GRPC, options: { url } }));
 * ```
 * @publicApi
 */
@Module({})
export class GrpcHealthModule {
  /** Options given as they are; validated while the application bootstraps. */
  static register(options: GrpcHealthOptions = {}): DynamicModule {
    return {
      module: GrpcHealthModule,
      controllers: [GrpcHealthController],
      providers: [
        { provide: GRPC_HEALTH_OPTIONS, useValue: options },
        {
          provide: GRPC_RESOLVED_OPTIONS,
          inject: [GRPC_HEALTH_OPTIONS],
          useFactory: resolveGrpcHealthOptions,
        },
        GrpcServingStatusReader,
        GrpcHealthWatcher,
      ],
    };
  }
}
