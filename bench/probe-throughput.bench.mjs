#!/usr/bin/env node
/**
 * What a probe costs, and what it does under faults, measured on real PostgreSQL and Redis:
 *
 * 1. throughput: one app per adapter (Express, Fastify) holding every route side by side: a raw
 *    route on the HTTP adapter (the physical limit), a bare Nest route, our live and ready
 *    (PostgreSQL, Redis and an in-process check), Terminus 12 live, ready as documented, and
 *    ready with `.cacheFor()`. Rounds interleave the routes (a Latin square); each reports req/s,
 *    server CPU per request (/proc/<pid>/stat via process.cpuUsage in the server), p50/p99, and
 *    the PostgreSQL statements (pg_stat_statements) and Redis commands (INFO commandstats) caused.
 * 2. single-flight: coalescing and one run per ttl, over HTTP.
 * 3. pool: a pool of 2 saturated by pg_sleep: live/ready status and latency, user work done.
 * 4. hung: a check that never settles under 200 concurrent probers: answer time, heap and handles.
 * 5. redis: Redis stopped then restarted: readiness timeline, time to detect and to recover.
 * 6. discovery: app.init() with 1,000 and 10,000 checks against the same providers without.
 * 7. user-cost: a user route's req/s and CPU alone and with 100 and 1,000 probes/s beside it.
 *
 *   npm run bench                     # from the repo root: builds the library, then runs this file
 *   node bench/probe-throughput.bench.mjs
 *
 * Loopback (127.0.0.1) only, bounded (about 10 minutes with the defaults; a watchdog stops it
 * after BENCH_WATCHDOG s), stops by itself. PostgreSQL and Redis are throwaway servers this run
 * starts (the tests' @internal/test-servers) and kills on the way out whatever happens; the
 * machine's shared servers are never touched.
 *
 * Environment knobs (all optional, defaults shown):
 *   BENCH_SUITES=throughput,single-flight,pool,hung,redis,discovery,user-cost
 *   BENCH_WARMUP=2 (s, round 1)  BENCH_REWARM=0.5 (s, later rounds)  BENCH_DURATION=2 (s)
 *   BENCH_ROUNDS=6  BENCH_CONNECTIONS=32  BENCH_QUIET_BUDGET=30 (s spent waiting for a quiet CPU)
 *   BENCH_ADAPTERS=express,fastify  BENCH_SCENARIOS=raw,baseline,live,ready,terminus-live,terminus-ready,terminus-cached
 *   BENCH_EXTRA=1          adds the diagnostics `baseline+header` and `baseline+req`
 *   BENCH_HUNG_PROBES=100000  BENCH_DISCOVERY=1000:200,10000:2000 (checks:providers)
 *   BENCH_USER_COST_ROUNDS=3  BENCH_WATCHDOG=1200 (s)
 *   BENCH_METRICS=1        registers PrometheusHealthModule in the measured app
 *   BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=.bench"  node flags for the server processes
 *   BENCH_OUT=bench/results/latest.json
 *
 * A short run: BENCH_ROUNDS=2 BENCH_DURATION=1 BENCH_HUNG_PROBES=10000 BENCH_DISCOVERY=1000:200
 *   BENCH_USER_COST_ROUNDS=1 (about 3 minutes).
 *
 * Results: tables on stdout and JSON in BENCH_OUT. Exits non-zero on a broken single-flight
 * bound, a non-2xx answer where one must be 2xx, or any error.
 *
 * Layout: throughput in bench/probe-throughput/, the other suites in bench/scenarios/, shared
 * helpers in bench/support/.
 */
import 'reflect-metadata';
import { resultsPath } from './support/bench.config.mjs';
import { dependencyVersions } from './support/dependency.versions.mjs';
import { openCounters, startDependencies } from './support/dependency.servers.mjs';
import { log } from './support/log.output.mjs';
import { exitOnInterrupt, runMain, startWatchdog } from './support/process.guards.mjs';
import { writeResults } from './support/results.writer.mjs';
import { benchAdapter } from './probe-throughput/adapter.runner.mjs';
import { waitForQuiet } from './probe-throughput/quiet.gate.mjs';
import { singleFlightLines, throughputTable } from './probe-throughput/report.table.mjs';
import { runMeta } from './probe-throughput/run.meta.mjs';
import {
  OUT,
  QUIET_THRESHOLD_PERCENT,
  SETTINGS,
  SUITES,
  WATCHDOG_MS,
} from './probe-throughput/settings.config.mjs';
import { singleFlight, singleFlightFailures } from './probe-throughput/single-flight.scenario.mjs';
import { discovery } from './scenarios/discovery.scenario.mjs';
import { hungCheck } from './scenarios/hung-check.scenario.mjs';
import { poolSaturated } from './scenarios/pool-saturated.scenario.mjs';
import { redisRestarted } from './scenarios/redis-restarted.scenario.mjs';
import { scenarioLines } from './scenarios/scenarios.report.mjs';
import { targetLines, targetsTable } from './scenarios/targets.report.mjs';
import { userCost } from './scenarios/user-cost.scenario.mjs';

async function main() {
  const startedAt = Date.now();
  startWatchdog(WATCHDOG_MS);
  const meta = runMeta();
  log(
    `nestjs-probes bench: Node ${meta.node}, ${meta.cpus} cores (${meta.cpuModel}), load ${meta.loadAverageAtStart.join(' ')}; ` +
      `suites ${[...SUITES].join(',')}; autocannon ${SETTINGS.connections} connections, ${SETTINGS.rounds} rounds of ` +
      `${SETTINGS.durationSeconds} s per route (warm-up ${SETTINGS.warmupSeconds} s in round 1, ${SETTINGS.rewarmSeconds} s later)`,
  );

  const before = await waitForQuiet();
  meta.otherCpuPercentAtStart = before.busyPercent;
  if (before.busyPercent !== null && before.busyPercent >= QUIET_THRESHOLD_PERCENT) {
    log(
      `warning: other processes use ${before.busyPercent}% CPU before the run; figures will be noisy`,
    );
  }

  const results = {};
  const scenarios = {};
  const failedSuites = {};
  // A suite that throws is recorded and the run goes on: one failure costs only its own figures.
  const suite = async (name, run, key = name) => {
    if (!SUITES.has(name)) return;
    try {
      scenarios[key] = await run();
    } catch (error) {
      log(`suite ${name} failed: ${error.stack ?? error}`);
      failedSuites[name] = String(error.message ?? error);
    }
  };
  const deps = await startDependencies();
  let counters;
  try {
    counters = await openCounters(deps);
    meta.dependencies = { ...(await dependencyVersions(deps)), pgCounter: deps.pgCounter };
    log(
      `dependencies: ${meta.dependencies.postgres}, ${meta.dependencies.redis}; counted by ${deps.pgCounter} and INFO commandstats`,
    );
    if (SUITES.has('throughput')) {
      for (const adapter of SETTINGS.adapters) {
        results[adapter] = await benchAdapter(adapter, deps, counters);
      }
      log('');
      log(throughputTable(results));
    }
    await suite('pool', () => poolSaturated(deps));
    await suite('user-cost', () => userCost(deps), 'userCost');
  } finally {
    await counters?.close();
    await deps.destroy();
  }
  await suite(
    'single-flight',
    async () => {
      const single = {};
      for (const adapter of SETTINGS.adapters) single[adapter] = await singleFlight(adapter);
      for (const line of singleFlightLines(single)) log(line);
      return single;
    },
    'singleFlight',
  );
  await suite('hung', hungCheck);
  await suite('discovery', discovery);
  await suite('redis', redisRestarted);

  log('');
  for (const line of scenarioLines(scenarios)) log(line);
  const targets = targetLines(results, scenarios);
  log('');
  log(targetsTable(targets));

  const elapsedSeconds = Math.round((Date.now() - startedAt) / 1000);
  log(`\nfinished in ${elapsedSeconds} s`);
  writeResults(resultsPath(OUT), {
    meta: { ...meta, elapsedSeconds, loadAverageAtEnd: runMeta().loadAverageAtStart },
    results,
    scenarios,
    targets,
    failedSuites,
  });
  if (Object.keys(failedSuites).length) {
    log(`failed suites: ${Object.keys(failedSuites).join(', ')}`);
    process.exitCode = 1;
  }

  const failures = singleFlightFailures(scenarios.singleFlight);
  if (failures.length) {
    log(`single-flight guarantee broken: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

exitOnInterrupt();
runMain(main);
