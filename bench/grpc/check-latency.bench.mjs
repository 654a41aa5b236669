// gRPC health Check against the HTTP readiness probe, in the same hybrid app (a child process):
// `npm run build --workspace nestjs-probes && node bench/grpc/check-latency.bench.mjs`.
// Sequential requests on one kept-alive connection each, in alternating rounds so both see the
// same machine load; p50/p99 in microseconds, and the check runs seen by the app (expected: 1).
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startAppServer } from '../support/app-server.harness.mjs';
import { env, HOST, ROOT } from '../support/bench.config.mjs';
import { runMain } from '../support/process.guards.mjs';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const ADAPTERS = env('BENCH_ADAPTERS', 'express,fastify').split(',');
const ROUNDS = Number(env('BENCH_ROUNDS', '6'));
const PER_ROUND = Number(env('BENCH_PER_ROUND', '1000'));
const WARMUP = 500;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function httpProbe(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return () =>
    new Promise((resolve, reject) => {
      const req = http.get({ host: HOST, port, path: '/health/ready', agent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
    });
}

function grpcProbe(port) {
  const proto = path.join(ROOT, 'packages/nestjs-probes/proto/grpc/health/v1/health.proto');
  const { Health } = grpc.loadPackageDefinition(protoLoader.loadSync(proto, { enums: String })).grpc
    .health.v1;
  const client = new Health(`${HOST}:${port}`, grpc.credentials.createInsecure());
  const probe = () =>
    new Promise((resolve, reject) =>
      client.Check({ service: 'readiness' }, (error, response) =>
        error
          ? reject(error)
          : response.status === 'SERVING'
            ? resolve()
            : reject(new Error(response.status)),
      ),
    );
  probe.close = () => client.close();
  return probe;
}

async function time(probe, count, into) {
  for (let i = 0; i < count; i++) {
    const startedAt = process.hrtime.bigint();
    await probe();
    into?.push(Number(process.hrtime.bigint() - startedAt) / 1_000);
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(adapter) {
  const grpcPort = await freePort();
  const server = startAppServer(
    new URL('./hybrid.app.mjs', import.meta.url).pathname,
    [adapter, String(grpcPort)],
    {
      label: adapter,
    },
  );
  const { port } = await server.ready;
  const probes = { http: httpProbe(port), grpc: grpcProbe(grpcPort) };
  const samples = { http: [], grpc: [] };
  for (const name of ['http', 'grpc']) await time(probes[name], WARMUP);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['http', 'grpc'] : ['grpc', 'http'];
    for (const name of order) await time(probes[name], PER_ROUND, samples[name]);
  }
  const { runs } = await server.request('runs', 'runs');
  probes.grpc.close();
  await server.stop();
  const row = (name) => {
    const sorted = samples[name].sort((a, b) => a - b);
    return {
      adapter,
      probe: name,
      n: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    };
  };
  return { rows: [row('http'), row('grpc')], runs };
}

runMain(async () => {
  console.log(
    `node ${process.version}; ${ROUNDS} rounds x ${PER_ROUND} sequential probes each, alternating`,
  );
  console.log('adapter  | probe                     | n     | p50 (us) | p99 (us) | check runs');
  for (const adapter of ADAPTERS) {
    const { rows, runs } = await measure(adapter);
    for (const r of rows) {
      const label = r.probe === 'http' ? 'GET /health/ready' : 'gRPC Check "readiness"';
      console.log(
        `${adapter.padEnd(8)} | ${label.padEnd(25)} | ${String(r.n).padEnd(5)} | ${r.p50.toFixed(0).padStart(8)} | ${r.p99.toFixed(0).padStart(8)} | ${runs}`,
      );
    }
  }
});
