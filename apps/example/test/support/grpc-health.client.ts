import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** The health proto nestjs-probes ships, found as a consumer would: next to its package.json. */
const PROTO = join(
  dirname(require.resolve('nestjs-probes/package.json')),
  'proto/grpc/health/v1/health.proto',
);

export type Serving = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

type Health = grpc.Client & {
  Check(
    request: { service: string },
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null, response?: { status: Serving }) => void,
  ): void;
  Watch(request: { service: string }): grpc.ClientReadableStream<{ status: Serving }>;
};

const Health = (
  grpc.loadPackageDefinition(protoLoader.loadSync(PROTO, { enums: String, defaults: true })) as {
    grpc: { health: { v1: { Health: new (address: string, credentials: unknown) => Health } } };
  } & grpc.GrpcObject
).grpc.health.v1.Health;

export interface Watching {
  readonly statuses: Serving[];
  /** Resolves with the call's final status code. */
  readonly ended: Promise<grpc.status>;
}

/** A real grpc-js client of the example's `grpc.health.v1.Health`. */
export class GrpcHealthClient {
  private readonly client: Health;

  constructor(address: string) {
    this.client = new Health(address, grpc.credentials.createInsecure());
  }

  check(service: string): Promise<Serving> {
    return new Promise((resolve, reject) =>
      this.client.Check({ service }, { deadline: Date.now() + 5_000 }, (error, response) =>
        error ? reject(error) : resolve(response!.status),
      ),
    );
  }

  watch(service: string): Watching {
    const call = this.client.Watch({ service });
    const statuses: Serving[] = [];
    call.on('data', ({ status }: { status: Serving }) => statuses.push(status));
    call.on('error', () => undefined); // the status event says how it ended
    const ended = new Promise<grpc.status>((resolve) =>
      call.once('status', ({ code }: grpc.StatusObject) => resolve(code)),
    );
    return { statuses, ended };
  }

  close(): void {
    this.client.close();
  }
}
