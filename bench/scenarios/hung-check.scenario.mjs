import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { env, HOST } from '../support/bench.config.mjs';
import { startAppServer } from '../support/app-server.harness.mjs';
import { log } from '../support/log.output.mjs';
import { sleep } from '../support/sleep.timing.mjs';
import { SETTINGS } from '../probe-throughput/settings.config.mjs';

const require = createRequire(import.meta.url);
const SERVER = fileURLToPath(new URL('./hung.child.mjs', import.meta.url));

const PROBERS = 200;
const TIMEOUT_MS = 50;
const PROBES = Number(env('BENCH_HUNG_PROBES', 100_000));

/**
 * A check that never settles (ttl 0, timeout 50 ms), 200 concurrent probers (autocannon, 200
 * connections) sending BENCH_HUNG_PROBES probes; the server's heap after full GCs and its open
 * handles before (after a warm-up of 2,000 probes) and after.
 */
export async function hungCheck() {
  const results = {};
  log(
    `\n[hung] a check that never settles, timeout ${TIMEOUT_MS} ms, ttl 0; ${PROBERS} probers, ${PROBES} probes`,
  );
  for (const adapter of SETTINGS.adapters) {
    const server = startAppServer(SERVER, [adapter, String(TIMEOUT_MS)], {
      label: `hung ${adapter}`,
      nodeFlags: ['--expose-gc'],
    });
    try {
      const { port } = await server.ready;
      await load(port, 2_000);
      await sleep(500); // the load's sockets closed
      const before = await server.request('memory', 'memory');
      const run = await load(port, PROBES);
      await sleep(500);
      const after = await server.request('memory', 'memory');
      // The same concurrency on a bare route that answers after the same delay.
      const control = await load(port, Math.min(PROBES, 10_000), '/delayed');
      const r = {
        timeoutMs: TIMEOUT_MS,
        probers: PROBERS,
        probes: run.requests.total,
        seconds: Math.round(run.duration * 10) / 10,
        statuses: run.statusCodeStats,
        errors: run.errors,
        timeouts: run.timeouts,
        latencyMs: { p50: run.latency.p50, p99: run.latency.p99, max: run.latency.max },
        controlLatencyMs: {
          p50: control.latency.p50,
          p99: control.latency.p99,
          max: control.latency.max,
        },
        heapBefore: before.heapUsed,
        heapAfter: after.heapUsed,
        heapGrowth: after.heapUsed - before.heapUsed,
        gced: before.gced,
        handlesBefore: before.handles,
        handlesAfter: after.handles,
      };
      results[adapter] = r;
      log(
        `  ${adapter}: ${r.probes} probes in ${r.seconds} s, statuses ${JSON.stringify(Object.fromEntries(Object.entries(r.statuses).map(([k, v]) => [k, v.count])))}, ` +
          `p50 ${r.latencyMs.p50} ms p99 ${r.latencyMs.p99} ms max ${r.latencyMs.max} ms ` +
          `(bare route sleeping ${TIMEOUT_MS} ms: p50 ${r.controlLatencyMs.p50} p99 ${r.controlLatencyMs.p99}); heap ${mib(r.heapBefore)} -> ${mib(r.heapAfter)} MiB ` +
          `(${r.heapGrowth >= 0 ? '+' : ''}${Math.round(r.heapGrowth / 1024)} KiB); handles ${JSON.stringify(r.handlesBefore)} -> ${JSON.stringify(r.handlesAfter)}`,
      );
    } finally {
      await server.stop();
    }
  }
  return results;
}

const mib = (bytes) => (bytes / 1024 / 1024).toFixed(2);

function load(port, amount, path = '/health/ready') {
  const autocannon = require('autocannon');
  return autocannon({
    url: `http://${HOST}:${port}${path}`,
    connections: PROBERS,
    amount,
    timeout: 10,
  });
}
