#!/usr/bin/env node
/**
 * What a readiness probe answers under two faults, @nestjs/terminus 12.1 side by side with
 * nestjs-probes, in one run and one Nest app (Express) per scenario:
 *
 *   1. PostgreSQL pool saturated by user queries. One TypeORM DataSource (postgres, poolSize 2)
 *      under the `DataSource` token; route A is Terminus' `TypeOrmHealthIndicator.pingCheck()`
 *      with a 1000 ms timeout, route B is nestjs-probes'
 *      `TypeOrmHealthModule.register({ ttl: 0, timeout: 1000 })`. Four `SELECT pg_sleep(4)`
 *      through the same DataSource; A and B are probed alternately, five times each, and the
 *      pool's waiting count is read before and after the probes.
 *   2. Redis stopped. The app's ioredis client with ioredis's default options; route A is a custom
 *      Terminus indicator (`HealthIndicatorService.check('redis').attempt(() => client.ping())`,
 *      no timeout of its own, as users write it), route B is
 *      `IoRedisHealthModule.register({ client: REDIS, ttl: 0, timeout: 1000 })`. The redis-server
 *      is a throwaway one this script spawns, and SIGTERMs; then B, A, B, B, B, A, B, one at a
 *      time, each capped at 60 s. ioredis rejects what waits in its offline queue every 21st
 *      reconnect attempt (maxRetriesPerRequest 20), so how long A hangs depends on when it is
 *      queued: the first A right after the stop, the second one right after the first flush.
 *
 *   npm run bench:faults              # from the repo root: builds the library, then runs this file
 *   node bench/faults-vs-terminus.bench.mjs
 *
 * Uses the built library (`require('nestjs-probes')`, that is packages/nestjs-probes/dist).
 * Loopback only, bounded (about 1 minute; a watchdog ends it non-zero after 170 s), stops by
 * itself. Scenario 1 runs only `pg_sleep`, `SELECT 1` and `SHOW server_version` on the machine's
 * shared PostgreSQL (it never stops or signals that server); scenario 2 spawns and stops its own
 * redis-server on a free port in a temp dir, and kills it on the way out whatever happens. It
 * exits non-zero on an unexpected error: a route that does not answer 200 before a fault or after
 * it ends, a user query that fails, or anything that throws.
 *
 * Environment knobs (all optional, defaults shown):
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres   (a loopback address only)
 *   BENCH_OUT=bench/results/faults-vs-terminus.json
 *
 * Results: tables on stdout and JSON (settings, versions, every probe) in BENCH_OUT.
 *
 * Layout: the scenarios and their apps are in bench/faults/, shared helpers in bench/support/; the
 * redis-server is the tests' `ThrowawayRedis` (@internal/test-servers, tools/test-servers).
 */
import 'reflect-metadata';
import { resultsPath } from './support/bench.config.mjs';
import { log } from './support/log.output.mjs';
import { exitOnInterrupt, runMain, startWatchdog } from './support/process.guards.mjs';
import { writeResults } from './support/results.writer.mjs';
import { postgresPoolSaturated } from './faults/postgres-pool-saturated.scenario.mjs';
import { redisStopped } from './faults/redis-stopped.scenario.mjs';
import { logPostgresReport, logRedisReport } from './faults/report.tables.mjs';
import { runMeta } from './faults/run.meta.mjs';
import { OUT, SETTINGS } from './faults/settings.config.mjs';

async function main() {
  const startedAt = Date.now();
  startWatchdog(SETTINGS.watchdogMs);

  const meta = runMeta();
  log(
    `faults vs @nestjs/terminus: Node ${meta.node}, @nestjs/core ${meta.versions['@nestjs/core']}, ` +
      `@nestjs/terminus ${meta.versions['@nestjs/terminus']}, typeorm ${meta.versions.typeorm}, ` +
      `pg ${meta.versions.pg}, ioredis ${meta.versions.ioredis}`,
  );

  const problems = [];
  const postgres = await postgresPoolSaturated(problems);
  const redis = await redisStopped(problems);

  log('');
  logPostgresReport(postgres);
  log('');
  logRedisReport(redis);

  const elapsedSeconds = Math.round((Date.now() - startedAt) / 1000);
  log(`\nfinished in ${elapsedSeconds} s`);
  writeResults(resultsPath(OUT), {
    meta: { ...meta, elapsedSeconds },
    postgres,
    redis,
    problems,
  });
  if (problems.length) {
    log(`unexpected: ${problems.join('; ')}`);
    process.exitCode = 1;
  }
}

exitOnInterrupt();
runMain(main);
