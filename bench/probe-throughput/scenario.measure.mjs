import { HOST } from '../support/bench.config.mjs';
import { startCpuMeter } from '../support/cpu-usage.meter.mjs';
import { round3 } from '../support/number.format.mjs';
import { machineBusyMs } from '../support/proc-stat.sampler.mjs';
import { cannon } from './load.cannon.mjs';
import { waitForQuiet } from './quiet.gate.mjs';
import { SCENARIOS } from './scenarios.config.mjs';
import { QUIET_THRESHOLD_PERCENT, SETTINGS } from './settings.config.mjs';

/**
 * One measurement of scenario `name` on the server at `port`: waits for a quiet machine, warms up
 * for `warmupSeconds`, then loads it for BENCH_DURATION while sampling the server's CPU, ours and
 * the whole machine's, and (with `counters`) the PostgreSQL statements and Redis commands run
 * meanwhile. Throws on any non-2xx answer, error or timeout.
 */
export async function measure(server, port, name, warmupSeconds, counters) {
  const url = `http://${HOST}:${port}${SCENARIOS[name].path}`;
  const quiet = await waitForQuiet();
  await cannon(url, warmupSeconds);
  await server.request('cpu-start', 'cpu-started');
  const client = startCpuMeter();
  const busyBefore = machineBusyMs();
  const countedBefore = await counters?.snapshot();
  const result = await cannon(url, SETTINGS.durationSeconds);
  const dependencies = counters && counters.rates(countedBefore, await counters.snapshot());
  const busyMs = busyBefore === undefined ? undefined : machineBusyMs() - busyBefore;
  const { wallMs, percent: clientPercent } = client.read();
  const { percent, cpuMicros } = await server.request('cpu-stop', 'cpu');
  // What the rest of the machine used meanwhile: well above ~10% means something else competed
  // for the 2 cores during this round.
  const otherPercent =
    busyMs === undefined
      ? undefined
      : (busyMs / wallMs) * 100 - clientPercent - (cpuMicros / 1000 / wallMs) * 100;
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    throw new Error(
      `${name} at ${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    serverCpuPercent: Math.round(percent),
    serverCpuUsPerRequest: round3(cpuMicros / result.requests.total),
    clientCpuPercent: Math.round(clientPercent),
    otherCpuPercent: otherPercent === undefined ? null : Math.round(otherPercent),
    quiet: otherPercent === undefined ? null : otherPercent < QUIET_THRESHOLD_PERCENT,
    waitedForQuietMs: quiet.waitedMs,
    ...(dependencies ? { dependencies } : {}),
  };
}
