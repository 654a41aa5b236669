#!/usr/bin/env node
/**
 * Throughput of the nestjs-probes hot path, side by side with a bare Nest route and with
 * @nestjs/terminus 12, on @nestjs/platform-express and @nestjs/platform-fastify; then the
 * single-flight guarantees (coalescing and one run per ttl) measured over HTTP.
 *
 *   npm run bench                     # from the repo root: builds the library, then runs this file
 *   node bench/probe-throughput.bench.mjs
 *
 * Loopback (127.0.0.1) only, bounded in time (about 2.5 minutes with the defaults), stops by itself.
 * Each adapter's app (all four routes) runs in a child process; autocannon runs in this process.
 * Scenarios are interleaved and repeated in rounds, each round rotating the order (a Latin square),
 * so drift shows as a spread between rounds rather than as a bias against one scenario. Besides
 * req/s, the server's CPU time per request is measured, and so is what other processes used
 * meanwhile (from /proc/stat): rounds where that reached 25% are marked as contended.
 *
 * Environment knobs (all optional, defaults shown):
 *   BENCH_WARMUP=2 (s, round 1)  BENCH_REWARM=0.5 (s, later rounds)  BENCH_DURATION=3 (s)
 *   BENCH_ROUNDS=4  BENCH_CONNECTIONS=32  BENCH_QUIET_BUDGET=15 (s spent waiting for a quiet CPU)
 *   BENCH_ADAPTERS=express,fastify  BENCH_SCENARIOS=baseline,ready,terminus,live
 *   BENCH_EXTRA=1          also measures `baseline+header` (the bare route plus @Header('Cache-Control'))
 *                          and `baseline+req` (plus a @Req() parameter, as the probes have)
 *   BENCH_SINGLE_FLIGHT=0  skips the single-flight measurement
 *   BENCH_METRICS=1        registers PrometheusHealthModule (prom-client) in the measured app
 *   BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=.bench"  node flags for the server processes
 *   BENCH_OUT=bench/results/latest.json
 *
 * Results: a table on stdout and JSON in bench/results/latest.json.
 *
 * Layout: the scenarios and the apps are in bench/probe-throughput/ (the server process is
 * bench/probe-throughput/server.child.mjs), shared helpers in bench/support/.
 */
import 'reflect-metadata';
import { resultsPath } from './support/bench.config.mjs';
import { log } from './support/log.output.mjs';
import { runMain } from './support/process.guards.mjs';
import { writeResults } from './support/results.writer.mjs';
import { benchAdapter } from './probe-throughput/adapter.runner.mjs';
import { waitForQuiet } from './probe-throughput/quiet.gate.mjs';
import { singleFlightLines, throughputTable } from './probe-throughput/report.table.mjs';
import { runMeta } from './probe-throughput/run.meta.mjs';
import {
  OUT,
  QUIET_THRESHOLD_PERCENT,
  SETTINGS,
  SINGLE_FLIGHT,
} from './probe-throughput/settings.config.mjs';
import { singleFlight, singleFlightFailures } from './probe-throughput/single-flight.scenario.mjs';

async function main() {
  const startedAt = Date.now();
  const meta = runMeta();
  log(
    `nestjs-probes throughput: Node ${meta.node}, ${meta.cpus} cores (${meta.cpuModel}); ` +
      `autocannon ${SETTINGS.connections} connections, ${SETTINGS.rounds} rounds of ${SETTINGS.durationSeconds} s per scenario ` +
      `(warm-up ${SETTINGS.warmupSeconds} s in round 1, ${SETTINGS.rewarmSeconds} s later)`,
  );

  const before = await waitForQuiet();
  if (before.busyPercent !== null && before.busyPercent >= QUIET_THRESHOLD_PERCENT) {
    log(
      `warning: other processes use ${before.busyPercent}% CPU before the run; figures will be noisy (rounds marked *)`,
    );
  }
  const results = {};
  for (const adapter of SETTINGS.adapters) results[adapter] = await benchAdapter(adapter);

  let single;
  if (SINGLE_FLIGHT) {
    single = {};
    for (const adapter of SETTINGS.adapters) single[adapter] = await singleFlight(adapter);
  }

  log('');
  log(throughputTable(results));
  if (single) {
    log('');
    for (const line of singleFlightLines(single)) log(line);
  }
  const elapsedSeconds = Math.round((Date.now() - startedAt) / 1000);
  log(`\nfinished in ${elapsedSeconds} s`);

  writeResults(resultsPath(OUT), {
    meta: { ...meta, elapsedSeconds },
    results,
    singleFlight: single,
  });

  const failures = singleFlightFailures(single);
  if (failures.length) {
    log(`single-flight guarantee broken: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

runMain(main);
