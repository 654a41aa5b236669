import { type INestApplication } from '@nestjs/common';
import { type MicroserviceRole } from '../../src/microservices/microservice-transport.util';
import { HAS_NO_CONNECTION } from '../../src/microservices/microservices.messages';
import { type Broker, type BusTransport, startBusApp } from '../src/bus-transports';
import { failOnUnhandledRejections, probe } from '../src/test-app.util';
import { DOWN, holdReadiness, pollFreshUp, pollReadiness, UP } from './fault-probe.util';
import { FaultReport } from './fault-report.util';
import { type FaultScenario, runFaultRow } from './fault-row.util';
import { TIMEOUT_MS, TIMINGS, TTL_MS } from './fault-timings';

export type RowKey = 'stopped' | 'killed' | 'frozen' | 'restarted' | 'many probes' | 'unconnected';
const ALL_ROWS: readonly RowKey[] = [
  'stopped',
  'killed',
  'frozen',
  'restarted',
  'many probes',
  'unconnected',
];

export interface TransportFaultSuite<B extends Broker> extends BusTransport<B> {
  /** The rows run for the server side. @default all of them */
  serverRows?: readonly RowKey[];
}

const NAME = 'bus';
const MANY_PROBES = 200;
/**
 * (e) counts connections, not time: a round trip that a starved CI core (or the broker's VM) slows
 * past the fault rows' 500 ms would fail the row for a reason it does not test.
 */
const MANY_PROBES_TIMEOUT_MS = 2_000;

/**
 * The fault rows of one transport, against one throwaway broker per file, for the app's own client
 * (connected at bootstrap) and its own server (listening through `connectMicroservice`), each
 * checked by `MicroserviceHealthModule`, critical, ttl 500 ms, timeout 500 ms. Stop, SIGKILL and
 * SIGSTOP each show as 503 within ttl + timeout (+ slack) with every probe answered within the
 * timeout, and 200 once the broker is back (+ the reconnect delay); the broker never counts more
 * connections than the app's own.
 */
export function describeTransportFaults<B extends Broker>(suite: TransportFaultSuite<B>): void {
  const { transport, reconnectMs } = suite;
  const timings = { ...TIMINGS, withinMs: TIMINGS.withinMs + reconnectMs };
  const report = new FaultReport(`transport-${transport.toLowerCase()}`);
  let broker: B;

  beforeAll(async () => {
    broker = await suite.start();
  }, suite.startWithinMs);

  afterAll(async () => {
    await broker?.destroy();
    report.write();
  }, 30_000);

  describe.each<[MicroserviceRole, readonly RowKey[]]>([
    ['client', ALL_ROWS],
    ['server', suite.serverRows ?? ALL_ROWS],
  ])(`${transport} %s faults`, (role, rows) => {
    let app: INestApplication | undefined;

    /** The app; `connected: false` leaves the client lazy, or the server not listening. */
    async function start(check: object, connected = true): Promise<INestApplication> {
      app = await startBusApp(suite, broker, role, { name: NAME, ...check }, connected);
      return app;
    }

    async function startUp(check: object): Promise<INestApplication> {
      const running = await start(check);
      await pollReadiness(running, UP, timings.withinMs, timings.probeWithinMs);
      return running;
    }

    beforeEach(async () => {
      await broker.ensureServing();
    });

    afterEach(async () => {
      await app?.close();
      app = undefined;
    });
    failOnUnhandledRejections();

    async function row(fault: string, scenario: Pick<FaultScenario, 'inject' | 'restore'>) {
      const running = await startUp({ ttl: TTL_MS, timeout: TIMEOUT_MS });
      const baseline = await broker.connectionCount();
      expect(baseline).toBeGreaterThan(0);
      const measure = await runFaultRow({
        app: running,
        timings,
        whileLost: DOWN,
        connectionCount: () => broker.connectionCount(),
        maxConnections: baseline,
        ...scenario,
      });
      report.add({ server: `${transport} ${role}`, fault, critical: true, ...measure });
    }

    const tests: Record<RowKey, () => void> = {
      stopped: () =>
        it('(a) stopped: readiness shows it within ttl + timeout, and recovers on restart', () =>
          row('stopped (SIGTERM)', {
            inject: () => broker.stop(),
            restore: () => broker.restart(),
          })),
      killed: () =>
        it('(b) killed with SIGKILL: shown within ttl + timeout, recovers on restart', () =>
          row('killed (SIGKILL)', {
            inject: () => broker.kill(),
            restore: () => broker.restart(),
          })),
      frozen: () =>
        it('(c) frozen with SIGSTOP: every probe still answers within the timeout', () =>
          row('frozen (SIGSTOP)', {
            inject: async () => broker.freeze(),
            restore: async () => broker.resume(),
          })),
      restarted: () =>
        it('(d) restarted: a fresh run is up again within ttl + timeout (+ reconnect)', async () => {
          const running = await startUp({ ttl: TTL_MS, timeout: TIMEOUT_MS });
          const baseline = await broker.connectionCount();
          await broker.stop();
          await broker.restart();
          const restartedAt = new Date();
          const recoverMs = await pollFreshUp(running, NAME, restartedAt, timings.withinMs);
          await holdReadiness(running, UP, 10, timings.probeWithinMs);
          expect(await broker.connectionCount()).toBeLessThanOrEqual(baseline);
          report.add({
            server: `${transport} ${role}`,
            fault: 'restarted',
            critical: true,
            recoverMs,
          });
        }),
      'many probes': () =>
        it(`(e) ${MANY_PROBES} probes, each running the check: no connection added`, async () => {
          const running = await startUp({ ttl: 0, timeout: MANY_PROBES_TIMEOUT_MS });
          const before = await broker.connectionCount();
          for (let i = 0; i < MANY_PROBES; i++) {
            const ready = await probe(running, '/health/ready');
            if (ready.status !== 200) {
              const { body } = await probe(running, '/health/details', 'admin');
              throw new Error(`probe ${i + 1}: ${ready.status}; ${JSON.stringify(body.checks)}`);
            }
          }
          expect(await broker.connectionCount()).toBe(before);
        }),
      unconnected: () =>
        it(`(f) a ${role} the app has not connected: down at once, and never connected by the check`, async () => {
          const running = await start({ ttl: 0, timeout: TIMEOUT_MS }, false);
          const before = await broker.connectionCount();
          await holdReadiness(running, DOWN, 20, timings.probeWithinMs);
          const details = await probe(running, '/health/details', 'admin');
          expect(details.body.checks[NAME]).toMatchObject({
            status: 'down',
            error: HAS_NO_CONNECTION({ transport, role }),
          });
          expect(await broker.connectionCount()).toBe(before);
        }),
    };
    for (const key of rows) tests[key]();
  });
}
