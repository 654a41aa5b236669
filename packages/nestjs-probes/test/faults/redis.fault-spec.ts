import { type INestApplication } from '@nestjs/common';
import { CacheHealthModule } from '../src/cache-health.module';
import { bootstrap, failOnUnhandledRejections } from '../src/test-app.util';
import { ThrowawayRedis } from '@internal/test-servers';
import { answerWhenLost, holdReadiness, pollFreshUp, pollReadiness, UP } from './fault-probe.util';
import { FaultReport } from './fault-report.util';
import { type FaultScenario, runFaultRow } from './fault-row.util';
import { TIMEOUT_MS, TIMINGS, TTL_MS } from './fault-timings';

/** The app's client reconnects this often (its retryStrategy); recovery waits on it once. */
const RECONNECT_MS = 100;

// Each row stops, kills or freezes a server and waits for detection and recovery.
jest.setTimeout(30_000);
const report = new FaultReport('redis');
let server: ThrowawayRedis;

beforeAll(async () => {
  server = await ThrowawayRedis.start();
}, 30_000);

afterAll(async () => {
  await server?.destroy();
  report.write();
});

describe.each([
  ['critical', true],
  ['non-critical', false],
])('Redis faults, %s registration', (label, critical) => {
  let app: INestApplication;
  let baseline: number;

  beforeEach(async () => {
    // ioredis's defaults (offline queue, 20 retries per request) but for a short reconnect delay.
    app = await bootstrap(
      'express',
      CacheHealthModule.register({ port: server.port, retryStrategy: () => RECONNECT_MS }, [
        { name: 'redis', ttl: TTL_MS, timeout: TIMEOUT_MS, critical },
      ]),
    );
    await pollReadiness(app, UP, TIMINGS.withinMs + RECONNECT_MS, TIMINGS.probeWithinMs);
    baseline = await server.connectionCount();
  });

  afterEach(async () => {
    await app?.close();
    await server.ensureServing();
  });
  failOnUnhandledRejections();

  async function row(fault: string, scenario: Pick<FaultScenario, 'inject' | 'restore'>) {
    const measure = await runFaultRow({
      app,
      timings: { ...TIMINGS, withinMs: TIMINGS.withinMs + RECONNECT_MS },
      whileLost: answerWhenLost(critical),
      connectionCount: () => server.connectionCount(),
      maxConnections: baseline,
      ...scenario,
    });
    report.add({ server: 'Redis', fault, critical, ...measure });
  }

  it(`(a) stopped: ${label} readiness shows it within ttl + timeout, and recovers on restart`, async () => {
    await row('stopped (SIGTERM)', {
      inject: () => server.stop(),
      restore: () => server.restart(),
    });
  });

  it('(b) killed with SIGKILL: shown within ttl + timeout, recovers on restart', async () => {
    await row('killed (SIGKILL)', { inject: () => server.kill(), restore: () => server.restart() });
  });

  it('(c) frozen with SIGSTOP: every probe still answers within the timeout', async () => {
    await row('frozen (SIGSTOP)', {
      inject: async () => server.freeze(),
      restore: async () => server.resume(),
    });
  });

  it('(d) restarted: a fresh run is up within ttl + timeout (+ reconnect delay)', async () => {
    await server.stop();
    await server.restart();
    const restartedAt = new Date();
    const recoverMs = await pollFreshUp(app, 'redis', restartedAt, TIMINGS.withinMs + RECONNECT_MS);
    await holdReadiness(app, UP, 10, TIMINGS.probeWithinMs);
    expect(await server.connectionCount()).toBeLessThanOrEqual(baseline);
    report.add({ server: 'Redis', fault: 'restarted', critical, recoverMs });
  });
});
