import { Controller, SetMetadata } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { type Observable } from 'rxjs';
import { HEALTH_PUBLIC_PROBE_METADATA } from '../health.constants';
import {
  GRPC_HEALTH_SERVICE,
  GRPC_NOT_FOUND,
  PROBE_OF_SERVICE,
  type ServingStatus,
} from './grpc-health.constants';
import { UNKNOWN_GRPC_SERVICE } from './grpc.messages';
import { GrpcHealthWatcher, type ServingStatusMessage } from './grpc-health.watcher';
import { GrpcServingStatusReader } from './grpc-serving-status.reader';

/** @internal `HealthCheckRequest`; a missing field is proto3's default, `""`. */
export interface HealthCheckRequest {
  readonly service?: string;
}

/** @internal `HealthListResponse`. */
export interface HealthListResponse {
  readonly statuses: Record<string, ServingStatusMessage>;
}

// The caller's own text, echoed in one short line.
const MAX_ECHOED_NAME = 100;

/**
 * `grpc.health.v1.Health` on the application's own Nest gRPC server. No HTTP route: only
 * `@GrpcMethod` handlers, each a public probe (`isPublicHealthProbe()` is true), so a global
 * authentication guard lets health checkers through with one line.
 *
 * @internal
 */
@Controller()
export class GrpcHealthController {
  constructor(
    private readonly reader: GrpcServingStatusReader,
    private readonly watcher: GrpcHealthWatcher,
  ) {}

  @GrpcMethod(GRPC_HEALTH_SERVICE, 'Check')
  @SetMetadata(HEALTH_PUBLIC_PROBE_METADATA, true)
  check(request: HealthCheckRequest): ServingStatusMessage | Promise<ServingStatusMessage> {
    const service = serviceOf(request);
    const reading = this.reader.read(service);
    if (reading === undefined) {
      const name =
        service.length > MAX_ECHOED_NAME ? `${service.slice(0, MAX_ECHOED_NAME)}…` : service;
      throw new RpcException({
        code: GRPC_NOT_FOUND,
        message: UNKNOWN_GRPC_SERVICE(name, [...PROBE_OF_SERVICE.keys()]),
      });
    }
    return reading instanceof Promise ? reading.then(toMessage) : toMessage(reading);
  }

  @GrpcMethod(GRPC_HEALTH_SERVICE, 'Watch')
  @SetMetadata(HEALTH_PUBLIC_PROBE_METADATA, true)
  watch(request: HealthCheckRequest): Observable<ServingStatusMessage> {
    return this.watcher.watch(serviceOf(request));
  }

  /** Every name with its status; readiness is read once for `""` and `readiness`. */
  @GrpcMethod(GRPC_HEALTH_SERVICE, 'List')
  @SetMetadata(HEALTH_PUBLIC_PROBE_METADATA, true)
  async list(): Promise<HealthListResponse> {
    const [liveness, readiness, startup] = await Promise.all([
      this.reader.readProbe('liveness'),
      this.reader.readProbe('readiness'),
      this.reader.readProbe('startup'),
    ]);
    const statusOf = { liveness, readiness, startup };
    const statuses: Record<string, ServingStatusMessage> = {};
    for (const [service, probe] of PROBE_OF_SERVICE) statuses[service] = toMessage(statusOf[probe]);
    return { statuses };
  }
}

function serviceOf(request: HealthCheckRequest | null | undefined): string {
  const service = request?.service;
  return typeof service === 'string' ? service : '';
}

const toMessage = (status: ServingStatus): ServingStatusMessage => ({ status });
