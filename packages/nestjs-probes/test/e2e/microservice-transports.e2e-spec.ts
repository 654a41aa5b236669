import { type INestApplication } from '@nestjs/common';
import { type MicroserviceRole } from '../../src/microservices/microservice-transport.util';
import {
  type Broker,
  type BusTransport,
  MQTT_BUS,
  NATS_BUS,
  RABBITMQ_BUS,
  REDIS_BUS,
  startBusApp,
} from '../src/bus-transports';
import { MessageBusModule } from '../src/message-bus.module';
import { createApp, failOnUnhandledRejections, initApp, probe } from '../src/test-app.util';
import { DOWN, pollReadiness, UP } from '../faults/fault-probe.util';

// The short version, run on both NestJS majors, of test/faults/*-transport.fault-spec.ts (which
// stops, kills, freezes and restarts each broker for every row and measures the figures).
jest.setTimeout(60_000);

const TIMEOUT_MS = 500;
const CHECK = { name: 'bus', ttl: 0, timeout: TIMEOUT_MS };
const ROLES: readonly MicroserviceRole[] = ['client', 'server'];
// Readiness answers within the timeout (+ the HTTP round trip on a loaded machine).
const PROBE_WITHIN_MS = TIMEOUT_MS + 250;

describe.each([NATS_BUS, MQTT_BUS, REDIS_BUS, RABBITMQ_BUS].map((bus) => [bus.transport, bus]))(
  'MicroserviceHealthModule on a real %s broker',
  (_, bus) => {
    const transport = bus as unknown as BusTransport;
    const withinMs = TIMEOUT_MS + transport.reconnectMs + 800;
    let broker: Broker;
    let apps: INestApplication[] = [];

    beforeAll(async () => {
      broker = await transport.start();
    }, transport.startWithinMs);

    afterAll(() => broker?.destroy(), 30_000);

    afterEach(async () => {
      await Promise.all(apps.map((app) => app.close()));
      apps = [];
      await broker.ensureServing();
    });
    failOnUnhandledRejections();

    /** The app's client and server of the broker, each with its check, both up. */
    async function startBoth(): Promise<INestApplication[]> {
      for (const role of ROLES) apps.push(await startBusApp(transport, broker, role, CHECK));
      await everyApp(UP);
      return apps;
    }

    async function everyApp(expected: typeof UP): Promise<void> {
      for (const app of apps) await pollReadiness(app, expected, withinMs, PROBE_WITHIN_MS);
    }

    it("is up through the client's and the server's own connections", async () => {
      await startBoth();
      for (const app of apps) {
        const { body } = await probe(app, '/health/details', 'admin');
        expect(body.checks.bus).toMatchObject({
          status: 'up',
          details: { transport: transport.transport, latencyMs: expect.any(Number) },
        });
      }
    });

    it('SIGKILL: down within the timeout, up again after a restart, no connection added', async () => {
      await startBoth();
      const baseline = await broker.connectionCount();
      await broker.kill();
      await everyApp(DOWN);
      await broker.restart();
      await everyApp(UP);
      expect(await broker.connectionCount()).toBeLessThanOrEqual(baseline);
    });

    it('SIGSTOP: down within the timeout, each probe answered in time; up after resume', async () => {
      await startBoth();
      broker.freeze();
      try {
        await everyApp(DOWN);
      } finally {
        broker.resume();
      }
      await everyApp(UP);
    });
  },
);

describe('MicroserviceHealthModule.registerAsync on a real NATS broker', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await NATS_BUS.start();
  }, NATS_BUS.startWithinMs);
  afterAll(() => broker?.destroy(), 30_000);
  failOnUnhandledRejections();

  it('takes the check options from a factory and checks the client it names', async () => {
    const module = MessageBusModule.registerClient(
      NATS_BUS.clientOptions(broker as never),
      { ...CHECK, name: 'bus-from-config' },
      { async: true },
    );
    const app = await initApp(await createApp('express', module));
    try {
      await pollReadiness(app, UP, 5000, PROBE_WITHIN_MS);
      const { body } = await probe(app, '/health/details', 'admin');
      expect(body.checks['bus-from-config']).toMatchObject({ status: 'up', critical: true });
      await broker.kill();
      await pollReadiness(app, DOWN, TIMEOUT_MS + NATS_BUS.reconnectMs + 800, PROBE_WITHIN_MS);
    } finally {
      await app.close();
      await broker.ensureServing();
    }
  });
});
