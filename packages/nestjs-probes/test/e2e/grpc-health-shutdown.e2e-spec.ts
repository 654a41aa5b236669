import { status as grpcStatus } from '@grpc/grpc-js';
import { type INestApplicationContext } from '@nestjs/common';
import { pollUntil } from '@internal/test-servers';
import { type GrpcHost, type GrpcTestApp, startGrpcApp } from '../src/grpc-app.util';
import { GrpcHealthClient } from '../src/grpc-health-client.util';
import { SwitchableHealth } from '../src/switchable.health';

const DRAIN_MS = 1_500;
const SIGNAL = 'SIGUSR2';

/**
 * How each host shuts down as in production: a hybrid app by `app.close()`, which runs every
 * shutdown hook before closing its servers; a pure microservice by its shutdown signal, since its
 * `close()` closes the transport first (Nest's order) and only the signal path drains. Nest ends a
 * signal-driven shutdown by re-raising the signal at itself: that last step alone is intercepted,
 * so the Jest worker lives on.
 */
function shutDown(host: GrpcHost, app: INestApplicationContext & { close(): Promise<void> }) {
  if (host !== 'microservice') return app.close();
  return new Promise<void>((resolve) => {
    jest.spyOn(process, 'kill').mockImplementation((pid, signal) => {
      if (pid !== process.pid || signal !== SIGNAL)
        throw new Error(`unexpected process.kill(${pid}, ${String(signal)})`);
      resolve();
      return true;
    });
    // As the kernel delivers it: Node hands the listener the signal's name.
    (process.emit as (event: string, ...args: unknown[]) => boolean)(SIGNAL, SIGNAL);
  });
}

describe.each<GrpcHost>(['express', 'fastify', 'microservice'])(
  'gRPC health during shutdown (%s)',
  (host) => {
    jest.setTimeout(20_000);
    let server: GrpcTestApp;
    let client: GrpcHealthClient;

    beforeEach(async () => {
      server = await startGrpcApp(host, { checks: SwitchableHealth, drainDelay: DRAIN_MS });
      if (host === 'microservice') server.app.enableShutdownHooks([SIGNAL]);
      client = new GrpcHealthClient(server.address);
    });

    afterEach(async () => {
      jest.restoreAllMocks();
      client.close();
      await server.app.close().catch(() => undefined);
    });

    it('turns readiness NOT_SERVING at once while liveness stays SERVING, then ends every Watch with OK', async () => {
      const ready = client.watch('readiness');
      const overall = client.watch('');
      const live = client.watch('liveness');
      const first = () => [ready, overall, live].every((w) => w.statuses.length === 1);
      await pollUntil(first, { what: 'every first status', timeoutMs: 5_000 });

      const closed = shutDown(host, server.app);
      await pollUntil(() => ready.statuses.length === 2 && overall.statuses.length === 2, {
        what: 'readiness NOT_SERVING on the Watch streams',
        timeoutMs: DRAIN_MS / 2,
      });
      // Still draining: the server answers, readiness no, liveness yes.
      await expect(client.check('readiness')).resolves.toBe('NOT_SERVING');
      await expect(client.check('')).resolves.toBe('NOT_SERVING');
      await expect(client.check('liveness')).resolves.toBe('SERVING');
      await expect(client.list()).resolves.toEqual({
        '': 'NOT_SERVING',
        liveness: 'SERVING',
        readiness: 'NOT_SERVING',
        startup: 'SERVING',
      });
      expect(ready.ended).toBeUndefined();

      await closed;
      await Promise.all([ready.done, overall.done, live.done]);
      expect(ready.statuses).toEqual(['SERVING', 'NOT_SERVING']);
      expect(overall.statuses).toEqual(['SERVING', 'NOT_SERVING']);
      expect(live.statuses).toEqual(['SERVING']);
      for (const watch of [ready, overall, live]) {
        expect(watch.ended?.code).toBe(grpcStatus.OK);
        expect(watch.error).toBeUndefined();
      }
    });

    it('ends a Watch of an unknown name with OK too', async () => {
      const unknown = client.watch('payments');
      await pollUntil(() => unknown.statuses.length === 1, {
        what: 'SERVICE_UNKNOWN',
        timeoutMs: 5_000,
      });
      await shutDown(host, server.app);
      await unknown.done;
      expect(unknown.statuses).toEqual(['SERVICE_UNKNOWN']);
      expect(unknown.ended?.code).toBe(grpcStatus.OK);
    });
  },
);
