import { createRequire } from 'node:module';
import { HOST } from '../support/bench.config.mjs';
import { log } from '../support/log.output.mjs';
import { round1 } from '../support/number.format.mjs';
import { sleep } from '../support/sleep.timing.mjs';
import { createPostgresApp } from './postgres.app.mjs';
import { poolFigures, waitForDrainedPool } from './postgres-pool.figures.mjs';
import { assertLoopbackUrl } from './postgres-url.guards.mjs';
import { describeProbe, expectBothUp, probe } from './route.probe.mjs';
import { SETTINGS } from './settings.config.mjs';

const require = createRequire(import.meta.url);

/** Sends `userQueries` x `userQuerySql` through `dataSource` at once; `pending()` counts the unfinished. */
function startUserQueries(dataSource, { userQueries, userQuerySql }) {
  let pending = 0;
  const queries = [];
  for (let i = 0; i < userQueries; i++) {
    const queuedAt = performance.now();
    const settled = (outcome) => {
      pending -= 1;
      return { ...outcome, ms: round1(performance.now() - queuedAt) };
    };
    pending += 1;
    queries.push(
      dataSource.query(userQuerySql).then(
        () => settled({ ok: true }),
        (error) => settled({ ok: false, error: error.message }),
      ),
    );
  }
  return { queries, pending: () => pending };
}

/** Scenario 1: more user queries than pool connections, A and B probed alternately meanwhile. */
export async function postgresPoolSaturated(problems) {
  const s = SETTINGS.postgres;
  assertLoopbackUrl(s.url);
  const { DataSource } = require('typeorm');
  const dataSource = new DataSource({
    type: 'postgres',
    url: s.url,
    poolSize: s.poolSize,
    applicationName: 'nestjs-probes faults-vs-terminus bench',
    logging: false,
    entities: [],
  });
  await dataSource.initialize();
  let app;
  let user = { queries: [], pending: () => 0 };
  const poolNow = () => poolFigures(dataSource, user.pending());
  try {
    const started = await createPostgresApp(dataSource);
    app = started.app;
    const { port } = started;
    const server = (await dataSource.query('SHOW server_version'))[0].server_version;
    log(`\n[postgres] PostgreSQL ${server}, pool of ${s.poolSize}; app on ${HOST}:${port}`);

    const baseline = await expectBothUp(port, 'baseline');

    // The fault: more user queries than pool connections, all through the app's DataSource.
    const faultAt = performance.now();
    user = startUserQueries(dataSource, s);
    await sleep(s.probesStartAfterMs);
    const poolBefore = poolNow();

    const during = [];
    const waitingAfter = () => ({ poolAfter: poolNow() });
    for (let i = 0; i < s.probesPerRoute; i++) {
      for (const route of ['A', 'B']) {
        const result = await probe(port, route, { phase: 'saturated', extra: waitingAfter });
        result.sinceFaultMs = round1(performance.now() - faultAt);
        during.push(result);
        const { waiting, probeWaiting } = result.poolAfter;
        log(`  ${describeProbe(result)}  pool waiting ${waiting} (${probeWaiting} probes)`);
      }
    }
    const poolAfterProbes = poolNow();

    const queries = await Promise.all(user.queries);
    const queriesDoneMs = round1(performance.now() - faultAt);
    const drainedInMs = await waitForDrainedPool(dataSource, s.drainWithinMs);
    const poolAfterQueries = poolNow();
    const after = await expectBothUp(port, 'after', problems);
    for (const q of queries) if (!q.ok) problems.push(`postgres: a user query failed: ${q.error}`);

    return {
      server: `PostgreSQL ${server}`,
      pool: {
        beforeProbes: poolBefore,
        afterProbes: poolAfterProbes,
        afterUserQueries: poolAfterQueries,
        drainedAfterQueriesMs: drainedInMs,
      },
      userQueries: { sql: s.userQuerySql, durationsMs: queries.map((q) => q.ms), queriesDoneMs },
      probes: [...baseline, ...during, ...after],
    };
  } finally {
    await Promise.allSettled(user.queries);
    await app?.close();
    await dataSource.destroy();
  }
}
