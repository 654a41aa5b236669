import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { GRPC_HEALTH_PROTO_PATH } from '../../src/grpc/grpc-health.constants';

/** `HealthCheckResponse.ServingStatus`, as the client reads it (`enums: String`). */
export type Serving = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

type HealthClient = grpc.Client & {
  Check(
    request: { service: string },
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null, response?: { status: Serving }) => void,
  ): grpc.ClientUnaryCall;
  List(
    request: object,
    options: grpc.CallOptions,
    callback: (
      error: grpc.ServiceError | null,
      response?: { statuses: Record<string, { status: Serving }> },
    ) => void,
  ): grpc.ClientUnaryCall;
  Watch(request: { service: string }): grpc.ClientReadableStream<{ status: Serving }>;
};

const definition = protoLoader.loadSync(GRPC_HEALTH_PROTO_PATH, { enums: String, defaults: true });
const HealthService = (
  grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { health: { v1: { Health: new (...args: unknown[]) => HealthClient } } };
  }
).grpc.health.v1.Health;

/** What a Watch stream received, and how it ended. */
export interface WatchRecord {
  readonly statuses: Serving[];
  /** The call's final status: `grpc.status.OK` when the server ended it cleanly. */
  ended?: grpc.StatusObject;
  error?: grpc.ServiceError;
  cancel(): void;
  /** Resolves once the call has its final status. */
  readonly done: Promise<void>;
}

/**
 * A real grpc-js client of `grpc.health.v1.Health`, from the proto the package ships: one channel,
 * every call with a deadline.
 */
export class GrpcHealthClient {
  private readonly client: HealthClient;

  constructor(address: string) {
    this.client = new HealthService(address, grpc.credentials.createInsecure());
  }

  check(service: string, deadlineMs = 5_000): Promise<Serving> {
    return new Promise((resolve, reject) => {
      this.client.Check({ service }, { deadline: Date.now() + deadlineMs }, (error, response) =>
        error ? reject(error) : resolve(response!.status),
      );
    });
  }

  /** The gRPC status code of a failed Check. */
  async checkError(service: string): Promise<grpc.ServiceError> {
    try {
      await this.check(service);
    } catch (error) {
      return error as grpc.ServiceError;
    }
    throw new Error(`Check ${JSON.stringify(service)} answered instead of failing`);
  }

  list(deadlineMs = 5_000): Promise<Record<string, Serving>> {
    return new Promise((resolve, reject) => {
      this.client.List({}, { deadline: Date.now() + deadlineMs }, (error, response) => {
        if (error) return reject(error);
        const entries = Object.entries(response!.statuses).map(([name, { status }]) => [
          name,
          status,
        ]);
        resolve(Object.fromEntries(entries));
      });
    });
  }

  watch(service: string): WatchRecord {
    const call = this.client.Watch({ service });
    const record: WatchRecord = {
      statuses: [],
      cancel: () => call.cancel(),
      done: new Promise((resolve) => call.once('status', () => setImmediate(resolve))),
    };
    call.on('data', ({ status }: { status: Serving }) => record.statuses.push(status));
    call.on('status', (status: grpc.StatusObject) => (record.ended = status));
    call.on('error', (error: grpc.ServiceError) => (record.error = error));
    return record;
  }

  close(): void {
    this.client.close();
  }
}
