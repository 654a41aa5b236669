import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { findFreePort } from '@internal/test-servers';
import { PROBE, type ProbeRun, runProbe } from './probe-run.util';
import {
  GRPC_PROBE_LABEL,
  PROBE_ANSWERED,
  PROBE_GRPC_ANSWERED,
  PROBE_GRPC_TIMED_OUT,
  PROBE_GRPC_UNAVAILABLE,
} from '../../src/bin/probe.messages';
import { type GrpcTestApp, startGrpcApp } from '../src/grpc-app.util';
import { SwitchableHealth } from '../src/switchable.health';
import { answer, startUpstream } from '../src/upstream-server.util';

const WITHOUT_GRPC = join(__dirname, 'fixtures', 'without-grpc.cjs');

/** Exactly one line, on the stream the exit code calls for. */
function expectOneLine(run: ProbeRun, code: 0 | 1, line: string | RegExp): void {
  expect(run.code).toBe(code);
  const [out, quiet] = code === 0 ? [run.stdout, run.stderr] : [run.stderr, run.stdout];
  expect(quiet).toBe('');
  expect(out.endsWith('\n') && out.split('\n').length === 2).toBe(true);
  if (typeof line === 'string') expect(out).toBe(`${line}\n`);
  else expect(out).toMatch(line);
}

describe('nestjs-probes --grpc', () => {
  jest.setTimeout(30_000);

  beforeAll(() => {
    if (!existsSync(PROBE)) {
      throw new Error(`${PROBE} is missing: run npm run build --workspace nestjs-probes`);
    }
  });

  describe('against a Nest gRPC health server', () => {
    let server: GrpcTestApp;
    let checks: SwitchableHealth;

    beforeAll(async () => {
      server = await startGrpcApp('microservice', { checks: SwitchableHealth });
      checks = server.app.get(SwitchableHealth);
    });

    afterAll(() => server.app.close());

    beforeEach(() => {
      checks.gateUp = true;
    });

    it('exits 0 on SERVING, the service defaulting to ""', async () => {
      const run = await runProbe(['--grpc', server.address]);
      expectOneLine(run, 0, PROBE_GRPC_ANSWERED(GRPC_PROBE_LABEL(server.address, ''), 'SERVING'));
    });

    it('exits 1 on NOT_SERVING, and 0 for liveness meanwhile', async () => {
      checks.gateUp = false;
      const ready = await runProbe(['--grpc', server.address, '--service', 'readiness']);
      const label = GRPC_PROBE_LABEL(server.address, 'readiness');
      expectOneLine(ready, 1, PROBE_GRPC_ANSWERED(label, 'NOT_SERVING'));
      const live = await runProbe(['--grpc', server.address, '--service=liveness']);
      expectOneLine(
        live,
        0,
        PROBE_GRPC_ANSWERED(GRPC_PROBE_LABEL(server.address, 'liveness'), 'SERVING'),
      );
    });

    it('exits 1 on an unknown service, naming the NOT_FOUND status', async () => {
      const run = await runProbe(['--grpc', server.address, '--service', 'payments']);
      expectOneLine(
        run,
        1,
        /^nestjs-probes: gRPC Check "payments" at .* failed: NOT_FOUND \(unknown service/,
      );
    });

    it('fails with one clear line when @grpc/grpc-js is not installed', async () => {
      const run = await runProbe(['--grpc', server.address], {}, ['--require', WITHOUT_GRPC]);
      expectOneLine(
        run,
        1,
        PROBE_GRPC_UNAVAILABLE("MODULE_NOT_FOUND: Cannot find module '@grpc/grpc-js'"),
      );
    });
  });

  it('still probes HTTP without @grpc/grpc-js installed', async () => {
    const upstream = await startUpstream(answer(200));
    try {
      const run = await runProbe([upstream.url], {}, ['--require', WITHOUT_GRPC]);
      expectOneLine(run, 0, PROBE_ANSWERED(upstream.url, 200));
    } finally {
      await upstream.stop();
    }
  });

  it('exits 1 at once when nothing listens', async () => {
    const address = `127.0.0.1:${await findFreePort()}`;
    const run = await runProbe(['--grpc', address, '--timeout', '10000']);
    expectOneLine(run, 1, /failed: UNAVAILABLE/);
    // Well before the timeout, with room for a slow Node start on CI's loaded cores.
    expect(run.elapsedMs).toBeLessThan(8_000);
  });

  describe('against servers that never answer in gRPC', () => {
    let server: Server;
    const sockets = new Set<Socket>();

    afterEach(async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    });

    const listen = async (onConnection: (socket: Socket) => void) => {
      server = createServer((socket) => {
        sockets.add(socket);
        onConnection(socket);
      }).listen(0, '127.0.0.1');
      await once(server, 'listening');
      return `127.0.0.1:${(server.address() as AddressInfo).port}`;
    };

    it('exits 1 within the timeout when the server accepts and stays silent', async () => {
      const address = await listen(() => undefined);
      const run = await runProbe(['--grpc', address, '--timeout', '500']);
      expectOneLine(run, 1, PROBE_GRPC_TIMED_OUT(GRPC_PROBE_LABEL(address, ''), 500));
      expect(run.elapsedMs).toBeLessThan(8_000);
    });

    it('exits 1 when the server is not a gRPC server', async () => {
      const address = await listen((socket) =>
        socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n'),
      );
      const run = await runProbe(['--grpc', address, '--timeout', '2000']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2);
    });
  });
});
