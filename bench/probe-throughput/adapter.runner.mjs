import { fileURLToPath } from 'node:url';
import { startAppServer } from '../support/app-server.harness.mjs';
import { log } from '../support/log.output.mjs';
import { fmt } from '../support/number.format.mjs';
import { verifyRoutes } from './route.verifier.mjs';
import { summarize } from './rounds.summary.mjs';
import { measure } from './scenario.measure.mjs';
import { scenarioNames } from './scenarios.config.mjs';
import { SERVER_FLAGS, SETTINGS } from './settings.config.mjs';

const SERVER = fileURLToPath(new URL('./server.child.mjs', import.meta.url));

/** Round r runs the scenarios in order rotated by r: each scenario takes each slot once (a Latin square). */
function orderOfRound(round) {
  const n = scenarioNames.length;
  return scenarioNames.map((_, i) => scenarioNames[(i + round) % n]);
}

/**
 * Every scenario of one adapter, in BENCH_ROUNDS rounds, against its own server process on the
 * throwaway PostgreSQL and Redis `deps`, counting what each scenario makes them run.
 */
export async function benchAdapter(adapter, deps, counters) {
  const dependencies = JSON.stringify({ pgUrl: deps.pgUrl, redisPort: deps.redisPort });
  const server = startAppServer(SERVER, [adapter, dependencies], {
    label: adapter,
    nodeFlags: SERVER_FLAGS,
  });
  const { port } = await server.ready;
  try {
    await verifyRoutes(adapter, port);
    const rounds = Object.fromEntries(scenarioNames.map((name) => [name, []]));
    for (let round = 0; round < SETTINGS.rounds; round++) {
      for (const name of orderOfRound(round)) {
        const warmup = round === 0 ? SETTINGS.warmupSeconds : SETTINGS.rewarmSeconds;
        const m = await measure(server, port, name, warmup, counters);
        rounds[name].push(m);
        log(
          `  ${adapter.padEnd(7)} round ${round + 1}  ${name.padEnd(16)} ${fmt(m.rps, 0).padStart(7)} req/s  p99 ${m.p99} ms  ` +
            `server CPU ${m.serverCpuPercent}% (${m.serverCpuUsPerRequest} µs/req)  client CPU ${m.clientCpuPercent}%  ` +
            `other ${m.otherCpuPercent}%${m.quiet === false ? ' (contended)' : ''}  ` +
            `pg ${m.dependencies?.pgPerSecond ?? '-'}/s redis ${m.dependencies?.redisPerSecond ?? '-'}/s`,
        );
      }
    }
    return summarize(rounds);
  } finally {
    await server.stop();
  }
}
