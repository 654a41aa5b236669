import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { env, HOST, ROOT } from '../support/bench.config.mjs';
import { startAppServer } from '../support/app-server.harness.mjs';
import { log } from '../support/log.output.mjs';
import { round1, round3 } from '../support/number.format.mjs';
import { sleep } from '../support/sleep.timing.mjs';
import { cannon } from '../probe-throughput/load.cannon.mjs';
import { waitForQuiet } from '../probe-throughput/quiet.gate.mjs';
import { median } from '../probe-throughput/rounds.summary.mjs';
import { SETTINGS } from '../probe-throughput/settings.config.mjs';

const SERVER = fileURLToPath(new URL('../probe-throughput/server.child.mjs', import.meta.url));
const PROBER = fileURLToPath(new URL('./prober.child.mjs', import.meta.url));
const ROUNDS = Number(env('BENCH_USER_COST_ROUNDS', 3));
const SECONDS = 3;
const USER_PATH = '/baseline';

/** What runs beside the user load: nothing, or probes of `path` at `rate`/s from another process. */
const PHASES = [
  { name: 'alone' },
  { name: 'ready 100/s', path: '/health/ready', rate: 100 },
  { name: 'ready 1000/s', path: '/health/ready', rate: 1000 },
  { name: 'raw 1000/s', path: '/raw', rate: 1000 },
];

/**
 * Probe traffic's cost to users, on the throughput app (real PostgreSQL and Redis checks, ttl
 * 5 s): the bare route `/baseline` as the user route under autocannon, alone and with probes
 * beside it; then, with no user load, the server CPU the probes alone take, on /health/ready and
 * on the raw adapter route, net of the idle server's own: the difference between the two is the
 * share of the probe handler itself (everything past the HTTP stack).
 */
export async function userCost(deps) {
  const results = {};
  log(
    `\n[user-cost] user route ${USER_PATH} under autocannon, alone and with probes from a separate process`,
  );
  for (const adapter of SETTINGS.adapters) {
    const dependencies = JSON.stringify({ pgUrl: deps.pgUrl, redisPort: deps.redisPort });
    const server = startAppServer(SERVER, [adapter, dependencies], {
      label: `user-cost ${adapter}`,
    });
    try {
      const { port } = await server.ready;
      await cannon(`http://${HOST}:${port}${USER_PATH}`, SETTINGS.warmupSeconds);
      const rounds = Object.fromEntries(PHASES.map((p) => [p.name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < PHASES.length; i++) {
          const phase = PHASES[(i + round) % PHASES.length];
          rounds[phase.name].push(await underLoad(server, port, phase));
        }
      }
      const idle = {};
      const idlePhases = [
        { name: 'no probes' },
        ...PHASES.slice(1),
        { name: 'raw 100/s', path: '/raw', rate: 100 },
      ];
      for (const phase of idlePhases) {
        idle[phase.name] = await probesAlone(server, port, phase);
      }
      results[adapter] = summarize(rounds, idle);
      logAdapter(adapter, results[adapter]);
    } finally {
      await server.stop();
    }
  }
  return results;
}

async function withProber(port, phase, during) {
  if (!phase.path) return { result: await during(), prober: null };
  const prober = fork(PROBER, [String(port), phase.path, String(phase.rate)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await once(prober, 'message');
    await sleep(300); // let the rate settle
    const result = await during();
    const stats = once(prober, 'message');
    prober.send('stop');
    const [answer] = await stats;
    return { result, prober: answer };
  } finally {
    if (prober.exitCode === null) prober.kill();
  }
}

async function underLoad(server, port, phase) {
  await waitForQuiet();
  const { result, prober } = await withProber(port, phase, async () => {
    await server.request('cpu-start', 'cpu-started');
    const r = await cannon(`http://${HOST}:${port}${USER_PATH}`, SECONDS);
    const cpu = await server.request('cpu-stop', 'cpu');
    return { r, cpu };
  });
  const { r, cpu } = result;
  if (r.non2xx + r.errors + r.timeouts > 0)
    throw new Error(`user-cost: user route failed under ${phase.name}`);
  return {
    userRps: r.requests.average,
    userRequests: r.requests.total,
    serverCpuPercent: round1(cpu.percent),
    serverCpuUsPerUserRequest: round3(cpu.cpuMicros / r.requests.total),
    prober,
  };
}

async function probesAlone(server, port, phase) {
  await waitForQuiet();
  const { result, prober } = await withProber(port, phase, async () => {
    await server.request('cpu-start', 'cpu-started');
    await sleep(SECONDS * 1000);
    return server.request('cpu-stop', 'cpu');
  });
  return {
    serverCpuPercent: round1(result.percent),
    cpuMicros: result.cpuMicros,
    prober,
  };
}

function summarize(rounds, idle) {
  const alone = rounds.alone;
  const phases = {};
  for (const [name, ms] of Object.entries(rounds)) {
    const ratios = ms.map((m, i) => m.userRps / alone[i].userRps);
    phases[name] = {
      userRps: Math.round(median(ms.map((m) => m.userRps))),
      userRpsToAlone: round3(median(ratios)),
      userRpsToAloneRange: [round3(Math.min(...ratios)), round3(Math.max(...ratios))],
      serverCpuUsPerUserRequest: round1(median(ms.map((m) => m.serverCpuUsPerUserRequest))),
      probesOk: ms.map((m) => m.prober && `${m.prober.ok}/${m.prober.sent}`).filter(Boolean),
      rounds: ms,
    };
  }
  // Net of what the idle server uses anyway (timers, the pg pool, ioredis): CPU per probe.
  const quietMicros = idle['no probes'].cpuMicros;
  for (const x of Object.values(idle)) {
    x.cpuUsPerProbe = x.prober?.sent ? round1((x.cpuMicros - quietMicros) / x.prober.sent) : null;
  }
  for (const [name, p] of Object.entries(phases)) {
    // The share of the server's CPU that went to probes: 1 - (alone µs/user req) / (µs/user req now).
    p.probeShareOfServerCpu = round3(
      1 - phases.alone.serverCpuUsPerUserRequest / p.serverCpuUsPerUserRequest,
    );
    if (name === 'alone') p.probeShareOfServerCpu = 0;
  }
  const ready = idle['ready 1000/s'];
  const raw = idle['raw 1000/s'];
  const handlerShare =
    ready?.cpuUsPerProbe > 0 && raw?.cpuUsPerProbe !== null
      ? round3(Math.max(0, ready.cpuUsPerProbe - raw.cpuUsPerProbe) / ready.cpuUsPerProbe)
      : null;
  return { userPath: USER_PATH, seconds: SECONDS, phases, idle, handlerShareAt1000: handlerShare };
}

function logAdapter(adapter, r) {
  const p = r.phases;
  const line = (name) =>
    `${name} ${p[name].userRps} req/s (x${p[name].userRpsToAlone}, ${p[name].userRpsToAloneRange.join('-')}) ` +
    `${p[name].serverCpuUsPerUserRequest} µs/user req (probes ${Math.round(p[name].probeShareOfServerCpu * 100)}% of server CPU)`;
  log(`  ${adapter}: ${Object.keys(p).map(line).join('; ')}`);
  log(
    `  ${adapter}, no user load: ${Object.entries(r.idle)
      .map(
        ([n, x]) =>
          `${n} ${x.serverCpuPercent}% of a core` +
          (x.prober ? ` (${x.cpuUsPerProbe} µs/probe, ${x.prober.ok}/${x.prober.sent} ok)` : ''),
      )
      .join('; ')}; probe handler's share at 1000/s ${r.handlerShareAt1000}`,
  );
}
