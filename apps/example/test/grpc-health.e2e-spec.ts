import { randomBytes } from 'node:crypto';
import { status as grpcStatus } from '@grpc/grpc-js';
import { findFreePort, pollUntil } from '@internal/test-servers';
import { ExampleAppProcess } from './support/example-app.process';
import { GrpcHealthClient } from './support/grpc-health.client';

jest.setTimeout(60_000);

const DRAIN_MS = 1_500;

describe('example app with GRPC_PORT: a hybrid app serving grpc.health.v1.Health', () => {
  let app: ExampleAppProcess;
  let client: GrpcHealthClient;
  let address: string;

  beforeAll(async () => {
    const grpcPort = await findFreePort();
    address = `127.0.0.1:${grpcPort}`;
    app = await ExampleAppProcess.start({
      GRPC_PORT: String(grpcPort),
      JWT_SECRET: randomBytes(32).toString('hex'),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    });
    await app.waitFor('/health/ready', 200);
    client = new GrpcHealthClient(address);
  });

  afterAll(async () => {
    client?.close();
    await app?.kill();
  });

  it('says where gRPC listens, and still serves HTTP', async () => {
    expect(app.logs).toContain(`grpc.health.v1.Health on ${address}`);
    expect((await app.fetch('/health/live')).status).toBe(200);
  });

  it.each(['', 'liveness', 'readiness', 'startup'])(
    'answers Check %j with SERVING',
    async (name) => {
      await expect(client.check(name)).resolves.toBe('SERVING');
    },
  );

  it('answers NOT_FOUND for an unknown name', async () => {
    await expect(client.check('orders')).rejects.toMatchObject({ code: grpcStatus.NOT_FOUND });
  });

  it('on SIGTERM: readiness NOT_SERVING at once, liveness SERVING through the drain, Watch ends OK, exit 0', async () => {
    const ready = client.watch('readiness');
    const live = client.watch('liveness');
    await pollUntil(() => ready.statuses.length === 1 && live.statuses.length === 1, {
      what: 'the first Watch statuses',
      timeoutMs: 5_000,
    });
    app.signal('SIGTERM');
    await pollUntil(() => ready.statuses.length === 2, {
      what: 'readiness NOT_SERVING on Watch',
      timeoutMs: DRAIN_MS / 2,
      intervalMs: 5,
    });
    await expect(client.check('liveness')).resolves.toBe('SERVING');
    await expect(client.check('')).resolves.toBe('NOT_SERVING');
    expect((await app.fetch('/health/ready')).status).toBe(503);

    await expect(ready.ended).resolves.toBe(grpcStatus.OK);
    await expect(live.ended).resolves.toBe(grpcStatus.OK);
    expect(ready.statuses).toEqual(['SERVING', 'NOT_SERVING']);
    expect(live.statuses).toEqual(['SERVING']);
    await expect(app.exited).resolves.toEqual({ code: 0, signal: null });
  });
});
