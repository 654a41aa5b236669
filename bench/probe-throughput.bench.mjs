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
 *   BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=.bench"  node flags for the server processes
 *   BENCH_OUT=bench/results/latest.json
 *
 * Results: a table on stdout and JSON in bench/results/latest.json.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const HOST = '127.0.0.1';

const env = (name, fallback) => process.env[name] ?? fallback;
const SETTINGS = {
  warmupSeconds: Number(env('BENCH_WARMUP', 2)),
  rewarmSeconds: Number(env('BENCH_REWARM', 0.5)),
  durationSeconds: Number(env('BENCH_DURATION', 3)),
  connections: Number(env('BENCH_CONNECTIONS', 32)),
  pipelining: 1,
  rounds: Number(env('BENCH_ROUNDS', 4)),
  adapters: env('BENCH_ADAPTERS', 'express,fastify').split(','),
};
const SCENARIOS = {
  baseline: {
    path: '/baseline',
    what: 'bare Nest controller returning a constant { status: "up" }',
  },
  'baseline+header': {
    path: '/baseline-header',
    what: 'the same plus @Header("Cache-Control", "no-store") (diagnostic, BENCH_EXTRA=1)',
  },
  'baseline+req': {
    path: '/baseline-req',
    what: 'the same plus @Header and a @Req() parameter, as the probes have (diagnostic, BENCH_EXTRA=1)',
  },
  ready: {
    path: '/health/ready',
    what: 'nestjs-probes readiness, 3 @HealthCheck checks, all fresh (ttl 60 s)',
  },
  terminus: {
    path: '/terminus/ready',
    what: '@nestjs/terminus HealthCheckService.check() over 3 HealthIndicatorService attempts with .cacheFor(60 s)',
  },
  live: {
    path: '/health/live',
    what: 'nestjs-probes liveness (no liveness checks registered)',
  },
};
const DEFAULT_SCENARIOS = ['baseline', 'ready', 'terminus', 'live'];
const scenarioNames = env('BENCH_SCENARIOS', '')
  ? env('BENCH_SCENARIOS', '').split(',')
  : [
      ...DEFAULT_SCENARIOS,
      ...(env('BENCH_EXTRA', '') === '1' ? ['baseline+header', 'baseline+req'] : []),
    ];

const TERMINUS_CONFIG =
  'HealthCheckService.check([3 x () => healthIndicatorService.check(key).attempt(async () => {}).cacheFor(60_000)]) ' +
  "in a controller method decorated with terminus' own @HealthCheck() (Cache-Control: no-cache, no-store, must-revalidate); " +
  'TerminusModule.forRoot({ logger: false })';

// ---------------------------------------------------------------------------------------------
// Nest apps, written without a TypeScript compiler: decorators are applied with Reflect.decorate.
// ---------------------------------------------------------------------------------------------

async function loadNest() {
  const common = await import('@nestjs/common');
  const core = await import('@nestjs/core');
  // The built library (packages/nestjs-probes/dist), resolved through the npm workspace link.
  const probes = require('nestjs-probes');
  return { common, core, probes };
}

function decorateClass(cls, ...decorators) {
  return Reflect.decorate(decorators, cls);
}

function decorateMethod(cls, key, ...decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, key);
  const result = Reflect.decorate(decorators, cls.prototype, key, descriptor);
  Object.defineProperty(cls.prototype, key, result ?? descriptor);
}

async function createAdapter(adapter) {
  if (adapter === 'express') {
    const { ExpressAdapter } = await import('@nestjs/platform-express');
    return new ExpressAdapter();
  }
  if (adapter === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    return new FastifyAdapter();
  }
  throw new Error(`unknown adapter ${adapter}`);
}

async function listen(app) {
  await app.listen(0, HOST);
  return app.getHttpServer().address().port;
}

/** The app measured for throughput: every scenario's route in one app, as in a real service. */
async function createThroughputApp(adapter) {
  const { common, core, probes } = await loadNest();
  const { Controller, Get, Header, Injectable, Module, Req } = common;
  const terminus = await import('@nestjs/terminus');

  const UP = Object.freeze({ status: 'up' });

  class BaselineController {
    get() {
      return UP;
    }
    withHeader() {
      return UP;
    }
    withRequest(request) {
      return request ? UP : undefined;
    }
  }
  decorateMethod(BaselineController, 'get', Get('baseline'));
  decorateMethod(
    BaselineController,
    'withHeader',
    Get('baseline-header'),
    Header('Cache-Control', 'no-store'),
  );
  decorateMethod(
    BaselineController,
    'withRequest',
    Get('baseline-req'),
    Header('Cache-Control', 'no-store'),
  );
  Req()(BaselineController.prototype, 'withRequest', 0);
  decorateClass(BaselineController, Controller());

  // Three cheap checks, always fresh: the readiness hot path.
  class ProbeChecks {
    async database() {}
    async cache() {}
    async queue() {}
  }
  for (const name of ['database', 'cache', 'queue']) {
    decorateMethod(
      ProbeChecks,
      name,
      probes.HealthCheck({ name, ttl: 60_000 }),
    );
  }
  decorateClass(ProbeChecks, Injectable());

  // The Terminus 12.1 equivalent, with its own cache (`.cacheFor(ttl)`, Terminus 12's only cache).
  const noop = async () => {};
  class TerminusController {
    constructor(health, indicators) {
      this.health = health;
      this.indicators = indicators;
    }
    ready() {
      return this.health.check([
        () => this.indicators.check('database').attempt(noop).cacheFor(60_000),
        () => this.indicators.check('cache').attempt(noop).cacheFor(60_000),
        () => this.indicators.check('queue').attempt(noop).cacheFor(60_000),
      ]);
    }
  }
  Reflect.defineMetadata(
    'design:paramtypes',
    [terminus.HealthCheckService, terminus.HealthIndicatorService],
    TerminusController,
  );
  decorateMethod(
    TerminusController,
    'ready',
    Get('ready'),
    terminus.HealthCheck(),
  );
  decorateClass(TerminusController, Controller('terminus'));

  class AppModule {}
  decorateClass(
    AppModule,
    Module({
      imports: [
        probes.HealthModule.forRoot(),
        terminus.TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [BaselineController, TerminusController],
      providers: [ProbeChecks],
    }),
  );

  const app = await core.NestFactory.create(
    AppModule,
    await createAdapter(adapter),
    { logger: false },
  );
  return app;
}

/** Apps for the single-flight measurement: one check, counting its runs. */
async function createCountingApp(adapter, { ttl, durationMs }) {
  const { common, core, probes } = await loadNest();
  const { Injectable, Module } = common;
  const counter = { runs: 0 };
  class CountedCheck {
    async dependency() {
      counter.runs += 1;
      await new Promise((resolve) => setTimeout(resolve, durationMs));
    }
  }
  decorateMethod(
    CountedCheck,
    'dependency',
    probes.HealthCheck({ name: 'dependency', ttl, timeout: 2_000 }),
  );
  decorateClass(CountedCheck, Injectable());
  class AppModule {}
  decorateClass(
    AppModule,
    Module({
      imports: [probes.HealthModule.forRoot()],
      providers: [CountedCheck],
    }),
  );
  const app = await core.NestFactory.create(
    AppModule,
    await createAdapter(adapter),
    { logger: false },
  );
  const port = await listen(app);
  return { app, port, counter };
}

// ---------------------------------------------------------------------------------------------
// Server process
// ---------------------------------------------------------------------------------------------

async function serve(adapter) {
  const app = await createThroughputApp(adapter);
  const port = await listen(app);
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  process.on('message', (message) => {
    if (message === 'cpu-start') {
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
      process.send({ type: 'cpu-started' });
    } else if (message === 'cpu-stop') {
      const { user, system } = process.cpuUsage(cpuStart);
      const wallMs = performance.now() - wallStart;
      process.send({
        type: 'cpu',
        percent: ((user + system) / 1000 / wallMs) * 100,
        cpuMicros: user + system,
      });
    } else if (message === 'stop') {
      // app.close() lets --cpu-prof write its profile on a clean exit.
      app.close().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port, pid: process.pid });
}

// ---------------------------------------------------------------------------------------------
// Load generator (parent)
// ---------------------------------------------------------------------------------------------

function startServer(adapter) {
  const execArgv = [
    ...process.execArgv,
    ...env('BENCH_SERVER_FLAGS', '').split(' ').filter(Boolean),
  ];
  const child = fork(SELF, ['--serve', adapter], {
    cwd: ROOT,
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${adapter} server did not start in 30 s`)),
      30_000,
    );
    child.once('exit', (code) =>
      reject(
        new Error(`${adapter} server exited with ${code} before listening`),
      ),
    );
    child.on('message', (message) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
    });
  });
  const request = (message, answerType) =>
    new Promise((resolve) => {
      const onMessage = (answer) => {
        if (answer?.type !== answerType) return;
        child.off('message', onMessage);
        resolve(answer);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      child.send('stop');
    });
  return { child, ready, request, stop };
}

function get(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: HOST, port, path: urlPath, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
  });
}

/** Refuses to measure a route that does not answer what the contract says. */
async function verifyRoutes(adapter, port) {
  for (const name of scenarioNames) {
    const { status, headers, body } = await get(port, SCENARIOS[name].path);
    const parsed = JSON.parse(body);
    const problems = [];
    if (status !== 200) problems.push(`status ${status}`);
    if (!String(headers['content-type']).startsWith('application/json'))
      problems.push(`content-type ${headers['content-type']}`);
    if (name === 'ready' || name === 'live') {
      if (body !== '{"status":"up"}') problems.push(`body ${body}`);
      if (headers['cache-control'] !== 'no-store')
        problems.push(`cache-control ${headers['cache-control']}`);
    }
    if (name === 'terminus' && parsed.status !== 'ok')
      problems.push(`body ${body}`);
    if (problems.length)
      throw new Error(
        `${adapter} ${name} (${SCENARIOS[name].path}): ${problems.join(', ')}`,
      );
  }
}

/** Busy CPU time of the whole machine in ms (Linux /proc/stat), or undefined elsewhere. */
function machineBusyMs() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    return ((user + nice + system + irq + softirq + steal) * 1000) / 100; // USER_HZ = 100
  } catch {
    return undefined;
  }
}

async function cannon(url, seconds) {
  const autocannon = require('autocannon');
  return autocannon({
    url,
    connections: SETTINGS.connections,
    pipelining: SETTINGS.pipelining,
    duration: seconds,
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const QUIET_THRESHOLD_PERCENT = 25;
let quietBudgetMs = Number(env('BENCH_QUIET_BUDGET', 15)) * 1000;

/**
 * The machine is shared (2 cores): before a measurement, while our server is idle, wait (a little,
 * within a budget for the whole run) for other processes to stop using the CPU.
 */
async function waitForQuiet() {
  let waited = 0;
  for (;;) {
    const before = machineBusyMs();
    if (before === undefined) return { waitedMs: 0, busyPercent: null };
    await sleep(250);
    waited += 250;
    const busyPercent = ((machineBusyMs() - before) / 250) * 100;
    if (
      busyPercent < QUIET_THRESHOLD_PERCENT ||
      quietBudgetMs <= 0 ||
      waited >= 3000
    ) {
      return { waitedMs: waited, busyPercent: Math.round(busyPercent) };
    }
    quietBudgetMs -= 250;
  }
}

async function measure(server, port, name, warmupSeconds) {
  const url = `http://${HOST}:${port}${SCENARIOS[name].path}`;
  const quiet = await waitForQuiet();
  await cannon(url, warmupSeconds);
  await server.request('cpu-start', 'cpu-started');
  const clientCpu = process.cpuUsage();
  const clientWall = performance.now();
  const busyBefore = machineBusyMs();
  const result = await cannon(url, SETTINGS.durationSeconds);
  const busyMs =
    busyBefore === undefined ? undefined : machineBusyMs() - busyBefore;
  const wallMs = performance.now() - clientWall;
  const clientUsage = process.cpuUsage(clientCpu);
  const clientPercent =
    ((clientUsage.user + clientUsage.system) / 1000 / wallMs) * 100;
  const { percent, cpuMicros } = await server.request('cpu-stop', 'cpu');
  // What the rest of the machine used meanwhile: well above ~10% means something else competed
  // for the 2 cores during this round.
  const otherPercent =
    busyMs === undefined
      ? undefined
      : (busyMs / wallMs) * 100 -
        clientPercent -
        (cpuMicros / 1000 / wallMs) * 100;
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
    otherCpuPercent:
      otherPercent === undefined ? null : Math.round(otherPercent),
    quiet:
      otherPercent === undefined
        ? null
        : otherPercent < QUIET_THRESHOLD_PERCENT,
    waitedForQuietMs: quiet.waitedMs,
  };
}

/** Round r runs the scenarios in order rotated by r: each scenario takes each slot once (a Latin square). */
function orderOfRound(round) {
  const n = scenarioNames.length;
  return scenarioNames.map((_, i) => scenarioNames[(i + round) % n]);
}

async function benchAdapter(adapter) {
  const server = startServer(adapter);
  const { port } = await server.ready;
  try {
    await verifyRoutes(adapter, port);
    const rounds = Object.fromEntries(scenarioNames.map((name) => [name, []]));
    for (let round = 0; round < SETTINGS.rounds; round++) {
      for (const name of orderOfRound(round)) {
        const warmup =
          round === 0 ? SETTINGS.warmupSeconds : SETTINGS.rewarmSeconds;
        const m = await measure(server, port, name, warmup);
        rounds[name].push(m);
        log(
          `  ${adapter.padEnd(7)} round ${round + 1}  ${name.padEnd(16)} ${fmt(m.rps, 0).padStart(7)} req/s  p99 ${m.p99} ms  ` +
            `server CPU ${m.serverCpuPercent}% (${m.serverCpuUsPerRequest} µs/req)  client CPU ${m.clientCpuPercent}%  ` +
            `other ${m.otherCpuPercent}%${m.quiet === false ? ' (contended)' : ''}`,
        );
      }
    }
    const summary = {};
    const stats = (ms) => ({
      rps: mean(ms.map((m) => m.rps)),
      cost: mean(ms.map((m) => m.serverCpuUsPerRequest)),
    });
    const all = stats(rounds.baseline ?? []);
    const quietBaseline = stats((rounds.baseline ?? []).filter((m) => m.quiet));
    for (const name of scenarioNames) {
      const s = stats(rounds[name]);
      const quiet = rounds[name].filter((m) => m.quiet);
      const q = stats(quiet);
      summary[name] = {
        path: SCENARIOS[name].path,
        rps: Math.round(s.rps),
        p99Ms: mean(rounds[name].map((m) => m.p99)),
        ratioToBaseline: all.rps ? round3(s.rps / all.rps) : null,
        // The same over the rounds in which nothing else used the CPU (null when none was quiet).
        quietRounds: quiet.length,
        quietRps: quiet.length ? Math.round(q.rps) : null,
        quietRatioToBaseline:
          quiet.length && quietBaseline.rps
            ? round3(q.rps / quietBaseline.rps)
            : null,
        serverCpuUsPerRequest: round3(s.cost),
        // Requests per server CPU-second relative to the baseline: a ratio that holds whether the
        // server or autocannon saturated first, and that contention disturbs much less.
        cpuEfficiencyToBaseline: all.cost ? round3(all.cost / s.cost) : null,
        rounds: rounds[name],
      };
    }
    return summary;
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Single flight
// ---------------------------------------------------------------------------------------------

async function singleFlight(adapter) {
  const autocannon = require('autocannon');
  const out = {};

  // 40 simultaneous readiness probes, a 150 ms check with ttl 0: one run expected, two at most.
  {
    const { app, port, counter } = await createCountingApp(adapter, {
      ttl: 0,
      durationMs: 150,
    });
    try {
      const bursts = [];
      for (let burst = 0; burst < 3; burst++) {
        const before = counter.runs;
        const answers = await Promise.all(
          Array.from({ length: 40 }, () => get(port, '/health/ready')),
        );
        const statuses = [...new Set(answers.map((a) => a.status))];
        bursts.push({ runs: counter.runs - before, statuses });
      }
      out.coalescing = {
        probes: 40,
        checkMs: 150,
        ttl: 0,
        bursts,
        maxAllowed: 2,
      };
    } finally {
      await app.close();
    }
  }

  // Probes at full rate for 3 s against a check with ttl 1000: at most ceil(3000/1000)+1 runs.
  {
    const { app, port, counter } = await createCountingApp(adapter, {
      ttl: 1_000,
      durationMs: 10,
    });
    try {
      const before = counter.runs;
      const result = await autocannon({
        url: `http://${HOST}:${port}/health/ready`,
        connections: SETTINGS.connections,
        duration: 3,
      });
      out.perTtl = {
        seconds: 3,
        ttl: 1_000,
        checkMs: 10,
        probes: result.requests.total,
        rps: Math.round(result.requests.average),
        non2xx: result.non2xx,
        runs: counter.runs - before,
        maxAllowed: Math.ceil(3_000 / 1_000) + 1,
      };
    } finally {
      await app.close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const log = (line) => process.stdout.write(`${line}\n`);
const mean = (xs) =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
const round3 = (x) => Math.round(x * 1000) / 1000;
const fmt = (x, digits) =>
  x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

function table(results) {
  const ratio = (x) => (x === null || x === undefined ? '-' : x.toFixed(2));
  const rows = [
    [
      'adapter',
      'scenario',
      'req/s (mean)',
      'x baseline',
      'p99 ms',
      'CPU µs/req',
      'x baseline (CPU)',
      'quiet rounds',
      'x baseline (quiet)',
      'req/s per round',
    ],
  ];
  for (const [adapter, scenarios] of Object.entries(results)) {
    for (const [name, s] of Object.entries(scenarios)) {
      rows.push([
        adapter,
        name,
        fmt(s.rps, 0),
        ratio(s.ratioToBaseline),
        String(s.p99Ms),
        s.serverCpuUsPerRequest.toFixed(1),
        ratio(s.cpuEfficiencyToBaseline),
        `${s.quietRounds}/${s.rounds.length}`,
        ratio(s.quietRatioToBaseline),
        s.rounds
          .map((r) => `${fmt(r.rps / 1000, 1)}k${r.quiet === false ? '*' : ''}`)
          .join(' '),
      ]);
    }
  }
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((r) => r[i].length)),
  );
  const left = (i) => i < 2 || i === rows[0].length - 1;
  const line = (r) =>
    `| ${r.map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left(i) ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [
    line(rows[0]),
    rule,
    ...rows.slice(1).map(line),
    '',
    '* = contended round (other processes used >= 25% CPU meanwhile)',
  ].join('\n');
}

async function main() {
  const startedAt = Date.now();
  const cpus = os.cpus();
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    versions: Object.fromEntries(
      [
        '@nestjs/core',
        '@nestjs/platform-express',
        '@nestjs/platform-fastify',
        '@nestjs/terminus',
        'autocannon',
        'nestjs-probes',
      ].map((name) => [name, require(`${name}/package.json`).version]),
    ),
    settings: { ...SETTINGS, scenarios: scenarioNames, host: HOST },
    scenarios: Object.fromEntries(scenarioNames.map((n) => [n, SCENARIOS[n]])),
    terminusConfig: TERMINUS_CONFIG,
  };
  log(
    `nestjs-probes throughput: Node ${meta.node}, ${meta.cpus} cores (${meta.cpuModel}); ` +
      `autocannon ${SETTINGS.connections} connections, ${SETTINGS.rounds} rounds of ${SETTINGS.durationSeconds} s per scenario ` +
      `(warm-up ${SETTINGS.warmupSeconds} s in round 1, ${SETTINGS.rewarmSeconds} s later)`,
  );

  const before = await waitForQuiet();
  if (
    before.busyPercent !== null &&
    before.busyPercent >= QUIET_THRESHOLD_PERCENT
  ) {
    log(
      `warning: other processes use ${before.busyPercent}% CPU before the run; figures will be noisy (rounds marked *)`,
    );
  }
  const results = {};
  for (const adapter of SETTINGS.adapters)
    results[adapter] = await benchAdapter(adapter);

  let single;
  if (env('BENCH_SINGLE_FLIGHT', '1') !== '0') {
    single = {};
    for (const adapter of SETTINGS.adapters)
      single[adapter] = await singleFlight(adapter);
  }

  log('');
  log(table(results));
  if (single) {
    log('');
    for (const [adapter, s] of Object.entries(single)) {
      const c = s.coalescing;
      const t = s.perTtl;
      log(
        `single flight (${adapter}): 40 simultaneous probes of a 150 ms check, ttl 0 -> runs per burst ${c.bursts.map((b) => b.runs).join(', ')} (max ${c.maxAllowed}); ` +
          `${fmt(t.probes, 0)} probes in 3 s against ttl 1000 -> ${t.runs} runs (max ${t.maxAllowed})`,
      );
    }
  }
  const elapsedSeconds = Math.round((Date.now() - startedAt) / 1000);
  log(`\nfinished in ${elapsedSeconds} s`);

  const out = path.resolve(ROOT, env('BENCH_OUT', 'bench/results/latest.json'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ meta: { ...meta, elapsedSeconds }, results, singleFlight: single }, null, 2)}\n`,
  );
  log(`written ${path.relative(ROOT, out)}`);

  const failures = [];
  for (const [adapter, s] of Object.entries(single ?? {})) {
    if (s.coalescing.bursts.some((b) => b.runs > s.coalescing.maxAllowed))
      failures.push(`${adapter}: coalescing`);
    if (s.perTtl.runs > s.perTtl.maxAllowed)
      failures.push(`${adapter}: more than one run per ttl`);
  }
  if (failures.length) {
    log(`single-flight guarantee broken: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
