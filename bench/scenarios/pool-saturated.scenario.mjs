import { createRequire } from 'node:module';
import { log } from '../support/log.output.mjs';
import { getWithin } from '../support/http.client.mjs';
import { createApp, listen } from '../support/nest-app.factory.mjs';
import { decorateClass } from '../support/decorate.helpers.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { median } from '../probe-throughput/rounds.summary.mjs';
import { round1 } from '../support/number.format.mjs';
import { sleep } from '../support/sleep.timing.mjs';

const require = createRequire(import.meta.url);

const POOL = 2;
const USER_QUERIES = 6;
const SLEEP_S = 2;
const PROBE_EVERY_MS = 100;
const CAP_MS = 5_000;
const TTL_MS = 1_000;

/**
 * A pool of 2 saturated by `USER_QUERIES` x `SELECT pg_sleep(2)` (6 s of saturation), the
 * app probed meanwhile (live and ready alternately, one at a time, every 100 ms). The check is
 * `TypeOrmHealthModule.register({ ttl: 1000 })`; user work is done when every query ends.
 */
export async function poolSaturated(deps) {
  const { DataSource } = require('typeorm');
  const { common, core, probes } = await loadNest();
  const { TypeOrmHealthModule } = require('nestjs-probes/typeorm');
  const dataSource = new DataSource({
    type: 'postgres',
    url: deps.pgUrl,
    poolSize: POOL,
    entities: [],
    logging: false,
  });
  await dataSource.initialize();
  const DatabaseModule = decorateClass(
    class DatabaseModule {},
    common.Global(),
    common.Module({
      providers: [{ provide: DataSource, useValue: dataSource }],
      exports: [DataSource],
    }),
  );
  const AppModule = decorateClass(
    class AppModule {},
    common.Module({
      imports: [
        DatabaseModule,
        probes.HealthModule.forRoot(),
        TypeOrmHealthModule.register({ ttl: TTL_MS }),
      ],
    }),
  );
  const app = await createApp(core, AppModule, 'express');
  let user = [];
  try {
    const port = await listen(app);
    const before = await getWithin(port, '/health/ready', CAP_MS);
    if (before.status !== 200)
      throw new Error(`pool: ready answered ${before.status} before the fault`);
    log(
      `\n[pool] pool of ${POOL}, ${USER_QUERIES} x pg_sleep(${SLEEP_S}); probes every ${PROBE_EVERY_MS} ms`,
    );
    const startedAt = performance.now();
    user = Array.from({ length: USER_QUERIES }, () =>
      dataSource.query(`SELECT pg_sleep(${SLEEP_S})`).then(
        () => ({ ok: true, ms: performance.now() - startedAt }),
        (error) => ({ ok: false, error: error.message }),
      ),
    );
    let done = false;
    const allUser = Promise.all(user).then((r) => {
      done = true;
      return r;
    });
    const probesSeen = [];
    for (let i = 0; !done; i++) {
      const path = i % 2 ? '/health/ready' : '/health/live';
      const t = performance.now();
      const answer = await getWithin(port, path, CAP_MS);
      const latencyMs = performance.now() - t;
      const pool = dataSource.driver.master;
      probesSeen.push({
        path,
        atMs: round1(t - startedAt),
        status: answer.status,
        body: answer.body,
        latencyMs: round1(latencyMs),
        poolWaiting: pool.waitingCount,
      });
      await sleep(PROBE_EVERY_MS);
    }
    const queries = await allUser;
    const userDoneMs = round1(Math.max(...queries.map((q) => q.ms ?? 0)));
    const after = await getWithin(port, '/health/ready', CAP_MS);
    return summarize(probesSeen, queries, userDoneMs, after);
  } finally {
    await Promise.allSettled(user);
    await app.close();
    await dataSource.destroy();
  }
}

function summarize(probesSeen, queries, userDoneMs, after) {
  // Until the last query ends, both connections are busy: every probe here met a saturated pool.
  const saturated = probesSeen;
  const of = (path) => saturated.filter((p) => p.path === path);
  const describe = (list) => ({
    probes: list.length,
    statuses: countBy(list, (p) => `${p.status} ${bodyStatus(p.body)}`),
    p50Ms: median(list.map((p) => p.latencyMs)),
    maxMs: Math.max(...list.map((p) => p.latencyMs)),
  });
  const live = describe(of('/health/live'));
  const ready = describe(of('/health/ready'));
  const result = {
    pool: POOL,
    userQueries: `${USER_QUERIES} x SELECT pg_sleep(${SLEEP_S})`,
    check: `TypeOrmHealthModule.register({ ttl: ${TTL_MS} }) (side connection on, the library default)`,
    userCompleted: queries.filter((q) => q.ok).length,
    userFailed: queries.filter((q) => !q.ok).length,
    userDoneMs,
    userIdealMs: (USER_QUERIES / POOL) * SLEEP_S * 1000,
    live,
    ready,
    liveOkShare: live.probes ? (live.statuses['200 up'] ?? 0) / live.probes : null,
    ready200Share: ready.probes
      ? count(of('/health/ready'), (p) => p.status === 200) / ready.probes
      : null,
    // Before the first ttl has passed, ready still serves the result from before the fault.
    readyAfterTtl: describe(of('/health/ready').filter((p) => p.atMs >= TTL_MS)),
    readyDegradedShareAfterTtl: shareOf(
      of('/health/ready').filter((p) => p.atMs >= TTL_MS),
      (p) => p.status === 200 && bodyStatus(p.body) === 'degraded',
    ),
    readyAfter: `${after.status} ${bodyStatus(after.body)}`,
    probes: probesSeen,
  };
  log(
    `  user ${result.userCompleted}/${USER_QUERIES} done in ${userDoneMs} ms (ideal ${result.userIdealMs}); ` +
      `live ${JSON.stringify(live.statuses)} p50 ${live.p50Ms} ms max ${live.maxMs} ms; ` +
      `ready ${JSON.stringify(ready.statuses)} p50 ${ready.p50Ms} ms max ${ready.maxMs} ms; after: ${result.readyAfter}`,
  );
  return result;
}

const count = (list, test) => list.filter(test).length;
const shareOf = (list, test) => (list.length ? count(list, test) / list.length : null);

function bodyStatus(body) {
  try {
    return JSON.parse(body).status;
  } catch {
    return body === undefined ? 'no answer' : String(body);
  }
}

function countBy(list, key) {
  const counts = {};
  for (const item of list) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
