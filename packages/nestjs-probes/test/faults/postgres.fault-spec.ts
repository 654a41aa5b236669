import { type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseHealthModule } from '../src/database-health.module';
import { bootstrap, sleep, failOnUnhandledRejections } from '../src/test-app.util';
import { ThrowawayPostgres } from '@internal/test-servers';
import {
  answerWhenLost,
  DEGRADED,
  holdReadiness,
  pollFreshUp,
  pollReadiness,
  UP,
} from './fault-probe.util';
import { FaultReport } from './fault-report.util';
import { type FaultScenario, runFaultRow } from './fault-row.util';
import { TIMEOUT_MS, TIMINGS, TTL_MS } from './fault-timings';

const POOL_SIZE = 2;

// Each row stops, kills or freezes a server and waits for detection and recovery.
jest.setTimeout(30_000);
const report = new FaultReport('postgres');
let server: ThrowawayPostgres;

beforeAll(async () => {
  server = await ThrowawayPostgres.start();
}, 60_000);

afterAll(async () => {
  await server?.destroy();
  report.write();
});

describe.each([
  ['critical', true],
  ['non-critical', false],
])('PostgreSQL faults, %s registration', (label, critical) => {
  let app: INestApplication;
  let baseline: number;

  beforeEach(async () => {
    app = await bootstrap(
      'express',
      DatabaseHealthModule.register({ port: server.port, poolSize: POOL_SIZE }, [
        { name: 'postgres', ttl: TTL_MS, timeout: TIMEOUT_MS, critical },
      ]),
    );
    await pollReadiness(app, UP, TIMINGS.withinMs, TIMINGS.probeWithinMs);
    baseline = await server.connectionCount();
  });

  afterEach(async () => {
    await app?.close();
    await server.ensureServing();
  });
  failOnUnhandledRejections();

  async function row(
    fault: string,
    scenario: Pick<FaultScenario, 'inject' | 'restore'> & Partial<FaultScenario>,
  ) {
    const measure = await runFaultRow({
      app,
      timings: TIMINGS,
      whileLost: answerWhenLost(critical),
      connectionCount: () => server.connectionCount(),
      maxConnections: baseline,
      ...scenario,
    });
    report.add({ server: 'PostgreSQL', fault, critical, ...measure });
  }

  it(`(a) stopped: ${label} readiness shows it within ttl + timeout, and recovers on restart`, async () => {
    await row('stopped (fast shutdown)', {
      inject: () => server.stop(),
      restore: () => server.restart(),
    });
  });

  it(`(b) killed with SIGKILL: shown within ttl + timeout, recovers on restart`, async () => {
    await row('killed (SIGKILL)', { inject: () => server.kill(), restore: () => server.restart() });
  });

  it(`(c) frozen with SIGSTOP: every probe still answers within the timeout`, async () => {
    await row('frozen (SIGSTOP)', {
      inject: async () => server.freeze(),
      restore: async () => server.resume(),
    });
  });

  it(`(d) restarted: a fresh run is up within ttl + timeout of the server answering again`, async () => {
    await server.stop();
    await server.restart();
    const restartedAt = new Date();
    const recoverMs = await pollFreshUp(app, 'postgres', restartedAt, TIMINGS.withinMs);
    await holdReadiness(app, UP, 10, TIMINGS.probeWithinMs);
    expect(await server.connectionCount()).toBeLessThanOrEqual(baseline);
    report.add({
      server: 'PostgreSQL',
      fault: 'restarted',
      critical,
      recoverMs,
    });
  });

  it(`pool saturated by user queries: degraded (200, even if critical), never down`, async () => {
    const source = app.get(DataSource);
    let userQueries: Promise<unknown> | undefined;
    await row('pool saturated', {
      whileLost: DEGRADED,
      inject: async () => {
        userQueries = Promise.all(
          Array.from({ length: POOL_SIZE * 2 }, () => source.query('SELECT pg_sleep(2)')),
        );
        await sleep(50);
      },
      restore: () => userQueries!,
      // The pool's own connections, and the check's side connection until it idles out.
      maxConnections: POOL_SIZE + 1,
    });
  });
});
