import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type GrpcHost, type GrpcTestApp, startGrpcApp } from '../src/grpc-app.util';
import { GrpcHealthClient } from '../src/grpc-health-client.util';
import { FreshOnlyHealth } from '../src/switchable.health';

const CHECKS = 10_000;
const IN_FLIGHT = 50;
/** Generous: a leak of one retained object per Check (a listener, a timer, a closure) is far more. */
const MAX_HEAP_GROWTH_BYTES = 16 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Established TCP connections whose local port is `port`: the server's side of each client. */
function connectionsTo(port: number): number {
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4) continue;
      const localPort = parseInt(fields[1].split(':')[1], 16);
      if (localPort === port && fields[3] === '01') count++;
    }
  }
  return count;
}

async function checkMany(client: GrpcHealthClient, total: number): Promise<Set<string>> {
  const answers = new Set<string>();
  let sent = 0;
  const worker = async () => {
    while (sent < total) {
      sent++;
      answers.add(await client.check(sent % 2 === 0 ? '' : 'readiness'));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return answers;
}

// The gRPC server is the same whatever the HTTP adapter of a hybrid app: one hybrid host and the
// pure microservice cover it (grpc-health.e2e-spec.ts runs every host).
const HOSTS: readonly GrpcHost[] = ['express', 'microservice'];

describe.each(HOSTS)('10,000 gRPC Checks (%s)', (host: GrpcHost) => {
  jest.setTimeout(120_000);
  let server: GrpcTestApp;
  let client: GrpcHealthClient;

  beforeEach(async () => {
    server = await startGrpcApp(host, { checks: FreshOnlyHealth });
    client = new GrpcHealthClient(server.address);
  });

  afterEach(async () => {
    client.close();
    await server.app.close();
  });

  it('run no check while its result is fresh, and grow neither connections nor heap', async () => {
    const checks = server.app.get(FreshOnlyHealth);
    const port = Number(server.address.split(':')[1]);
    await checkMany(client, 1_000); // warm-up: the first result, JIT, pools
    expect(checks.runs).toBe(1);
    const connections = connectionsTo(port);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    const answers = await checkMany(client, CHECKS);

    gc();
    const growth = process.memoryUsage().heapUsed - heapBefore;
    expect(answers).toEqual(new Set(['SERVING']));
    expect(checks.runs).toBe(1);
    expect(connections).toBe(1);
    expect(connectionsTo(port)).toBe(connections);
    expect(growth).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  });
});
