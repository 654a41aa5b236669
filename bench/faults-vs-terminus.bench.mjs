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
 */
import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const HOST = '127.0.0.1';

const env = (name, fallback) => process.env[name] ?? fallback;
const SETTINGS = {
  host: HOST,
  adapter: 'express',
  watchdogMs: 170_000,
  postgres: {
    url: env('BENCH_PG_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    poolSize: 2,
    userQueries: 4,
    userQuerySql: 'SELECT pg_sleep(4)',
    probesStartAfterMs: 100,
    probesPerRoute: 5,
    terminusTimeoutMs: 1_000,
    probes: { ttl: 0, timeout: 1_000 },
    drainWithinMs: 5_000,
  },
  redis: {
    clientOptions:
      'ioredis defaults (offline queue on, maxRetriesPerRequest 20, default retryStrategy)',
    probes: { ttl: 0, timeout: 1_000 },
    probeCapMs: 60_000,
    // B, then A, each once, then B three times; then A and B once more: the second A is queued
    // just after ioredis flushed its offline queue, so it waits a whole retry window.
    order: ['B', 'A', 'B', 'B', 'B', 'A', 'B'],
  },
};
const OUT = path.resolve(ROOT, env('BENCH_OUT', 'bench/results/faults-vs-terminus.json'));

const ROUTES = {
  A: { path: '/terminus/ready', side: '@nestjs/terminus' },
  B: { path: '/health/ready', side: 'nestjs-probes' },
};

// ---------------------------------------------------------------------------------------------
// Nest, written without a TypeScript compiler: decorators are applied with Reflect.decorate.
// ---------------------------------------------------------------------------------------------

async function loadNest() {
  const common = await import('@nestjs/common');
  const core = await import('@nestjs/core');
  const terminus = await import('@nestjs/terminus');
  // The built library, resolved through the npm workspace link. typeorm is required (CJS), not
  // imported: the library's `DataSource` token must be the very class the app provides.
  const probes = require('nestjs-probes');
  return { common, core, terminus, probes };
}

function decorateClass(cls, ...decorators) {
  return Reflect.decorate(decorators, cls);
}

function decorateMethod(cls, key, ...decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, key);
  const result = Reflect.decorate(decorators, cls.prototype, key, descriptor);
  Object.defineProperty(cls.prototype, key, result ?? descriptor);
}

async function startApp(core, AppModule) {
  const app = await core.NestFactory.create(AppModule, { logger: false });
  await app.listen(0, HOST);
  return { app, port: app.getHttpServer().address().port };
}

// ---------------------------------------------------------------------------------------------
// Probing
// ---------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (x) => Math.round(x * 10) / 10;

/** GET over a fresh connection; gives up (and destroys the request) after `capMs`. */
function get(port, urlPath, capMs) {
  return new Promise((resolve) => {
    let timer;
    const req = http.get({ host: HOST, port, path: urlPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, body });
      });
    });
    timer = setTimeout(() => {
      req.destroy();
      resolve({ status: null, capped: true });
    }, capMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, error: error.message });
    });
  });
}

/** One probe of route A or B: HTTP status, body status, latency, and the body as JSON. */
async function probe(port, route, { phase, capMs = 60_000, extra } = {}) {
  const startedAt = performance.now();
  const answer = await get(port, ROUTES[route].path, capMs);
  const latencyMs = round1(performance.now() - startedAt);
  let body = null;
  try {
    body = answer.body === undefined ? null : JSON.parse(answer.body);
  } catch {
    body = answer.body;
  }
  return {
    phase,
    route,
    side: ROUTES[route].side,
    path: ROUTES[route].path,
    httpStatus: answer.status,
    bodyStatus: body?.status ?? null,
    latencyMs,
    ...(answer.capped ? { capped: true } : {}),
    ...(answer.error ? { error: answer.error } : {}),
    ...(extra ? extra() : {}),
    body,
  };
}

/**
 * Before a fault and after it: both routes must answer 200, or the measurement means nothing.
 * Without `problems` (the baseline), a route that does not throws at once.
 */
async function expectBothUp(port, phase, problems) {
  const results = [];
  for (const route of ['A', 'B']) {
    const result = await probe(port, route, { phase, capMs: 10_000 });
    results.push(result);
    if (result.httpStatus !== 200) {
      const problem = `${phase}: ${ROUTES[route].side} ${ROUTES[route].path} answered ${result.httpStatus ?? result.error ?? 'nothing'}`;
      if (!problems) throw new Error(`${problem}: ${JSON.stringify(result.body)}`);
      problems.push(problem);
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Scenario 1: PostgreSQL pool saturated by user queries
// ---------------------------------------------------------------------------------------------

function assertLoopbackUrl(url) {
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return;
  throw new Error(`BENCH_PG_URL must point at a loopback address, not ${hostname}`);
}

async function createPostgresApp(dataSource) {
  const { common, core, terminus, probes } = await loadNest();
  const { TypeOrmHealthModule } = require('nestjs-probes/typeorm');
  const { DataSource } = require('typeorm');
  const { Controller, Get, Global, Module } = common;

  // What TypeOrmModule.forRoot() does for the app: a global module exporting the DataSource.
  class DatabaseModule {}
  decorateClass(
    DatabaseModule,
    Global(),
    Module({
      providers: [{ provide: DataSource, useValue: dataSource }],
      exports: [DataSource],
    }),
  );

  // Route A: Terminus' own TypeORM indicator, on the same DataSource.
  class TerminusController {
    constructor(health, typeOrm, source) {
      this.health = health;
      this.typeOrm = typeOrm;
      this.source = source;
    }
    ready() {
      return this.health.check([
        () =>
          this.typeOrm.pingCheck('database', {
            connection: this.source,
            timeout: SETTINGS.postgres.terminusTimeoutMs,
          }),
      ]);
    }
  }
  Reflect.defineMetadata(
    'design:paramtypes',
    [terminus.HealthCheckService, terminus.TypeOrmHealthIndicator, DataSource],
    TerminusController,
  );
  decorateMethod(TerminusController, 'ready', Get('ready'), terminus.HealthCheck());
  decorateClass(TerminusController, Controller('terminus'));

  // Route B: nestjs-probes' ready-made TypeORM check.
  class AppModule {}
  decorateClass(
    AppModule,
    Module({
      imports: [
        DatabaseModule,
        terminus.TerminusModule.forRoot({ logger: false }),
        probes.HealthModule.forRoot(),
        TypeOrmHealthModule.register(SETTINGS.postgres.probes),
      ],
      controllers: [TerminusController],
    }),
  );
  return startApp(core, AppModule);
}

/**
 * The pg pool's figures. With `pendingUserQueries` (user queries not finished yet), the waiters
 * are split into user queries and the rest, which can only be probes: user queries are the only
 * ones holding connections, so all but `poolSize` of the pending ones wait.
 */
function poolFigures(dataSource, pendingUserQueries) {
  const pool = dataSource.driver.master;
  const figures = { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  if (pendingUserQueries === undefined) return figures;
  const userWaiting = Math.max(0, pendingUserQueries - SETTINGS.postgres.poolSize);
  return { ...figures, userWaiting, probeWaiting: figures.waiting - userWaiting };
}

async function waitForDrainedPool(dataSource, withinMs) {
  const startedAt = performance.now();
  while (performance.now() - startedAt < withinMs) {
    if (poolFigures(dataSource).waiting === 0) return round1(performance.now() - startedAt);
    await sleep(20);
  }
  return null;
}

async function postgresPoolSaturated(problems) {
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
  const userQueries = [];
  let pendingUserQueries = 0;
  const poolNow = () => poolFigures(dataSource, pendingUserQueries);
  try {
    const started = await createPostgresApp(dataSource);
    app = started.app;
    const { port } = started;
    const server = (await dataSource.query('SHOW server_version'))[0].server_version;
    log(`\n[postgres] PostgreSQL ${server}, pool of ${s.poolSize}; app on ${HOST}:${port}`);

    const baseline = await expectBothUp(port, 'baseline');

    // The fault: more user queries than pool connections, all through the app's DataSource.
    const faultAt = performance.now();
    for (let i = 0; i < s.userQueries; i++) {
      const queuedAt = performance.now();
      const settled = (outcome) => {
        pendingUserQueries -= 1;
        return { ...outcome, ms: round1(performance.now() - queuedAt) };
      };
      pendingUserQueries += 1;
      userQueries.push(
        dataSource.query(s.userQuerySql).then(
          () => settled({ ok: true }),
          (error) => settled({ ok: false, error: error.message }),
        ),
      );
    }
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

    const queries = await Promise.all(userQueries);
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
    await Promise.allSettled(userQueries);
    await app?.close();
    await dataSource.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 2: Redis stopped
// ---------------------------------------------------------------------------------------------

/** The redis-server this script owns (child, temp dir): removed on the way out, whatever happens. */
let ownedRedis;
process.on('exit', () => {
  if (!ownedRedis) return;
  const { child, dir } = ownedRedis;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\ninterrupted (${signal})`);
    process.exit(130);
  });
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const listener = net.createServer().unref();
    listener.once('error', () => resolve(false));
    listener.listen(port, HOST, () => listener.close(() => resolve(true)));
  });
}

/** A free port below Linux's ephemeral range (32768-60999). */
async function findFreePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isPortFree(port)) return port;
  }
  throw new Error('no free port found between 20000 and 32000');
}

function redisAnswersPing(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** Spawns `redis-server` on a free port in a temp dir; resolves once it answers PING. */
async function startRedisServer() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faults-vs-terminus-redis-'));
  for (let attempt = 1; attempt <= 5; attempt++) {
    const port = await findFreePort();
    const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no'];
    args.push('--dir', dir, '--logfile', path.join(dir, 'redis.log'), '--daemonize', 'no');
    const child = spawn('redis-server', args, { cwd: dir, stdio: 'ignore' });
    ownedRedis = { child, dir };
    const exited = once(child, 'exit');
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline && child.exitCode === null) {
      if (await redisAnswersPing(port)) return { child, port, dir, exited };
      await sleep(50);
    }
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    const logFile = path.join(dir, 'redis.log');
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-500) : '';
    if (!/Address already in use/.test(tail) || attempt === 5) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}:\n${tail}`);
    }
  }
}

/** Signals our redis-server and waits for it to exit (SIGKILL if it has not within 10 s). */
async function stopRedisServer(redis, signal) {
  const { child, exited } = redis;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function createRedisApp(client) {
  const { common, core, terminus, probes } = await loadNest();
  const { IoRedisHealthModule } = require('nestjs-probes/ioredis');
  const { Controller, Get, Inject, Injectable, Module } = common;
  const REDIS = 'REDIS';

  // The app's own module holding its ioredis client.
  class RedisModule {}
  decorateClass(
    RedisModule,
    Module({ providers: [{ provide: REDIS, useValue: client }], exports: [REDIS] }),
  );

  // Route A: the custom indicator a Terminus 12 user writes, with no timeout of their own.
  class RedisHealthIndicator {
    constructor(healthIndicatorService, redis) {
      this.healthIndicatorService = healthIndicatorService;
      this.redis = redis;
    }
    isHealthy(key) {
      return this.healthIndicatorService.check(key).attempt(async () => {
        await this.redis.ping();
      });
    }
  }
  Reflect.defineMetadata(
    'design:paramtypes',
    [terminus.HealthIndicatorService, Object],
    RedisHealthIndicator,
  );
  Inject(REDIS)(RedisHealthIndicator, undefined, 1);
  decorateClass(RedisHealthIndicator, Injectable());

  class TerminusController {
    constructor(health, redis) {
      this.health = health;
      this.redis = redis;
    }
    ready() {
      return this.health.check([() => this.redis.isHealthy('redis')]);
    }
  }
  Reflect.defineMetadata(
    'design:paramtypes',
    [terminus.HealthCheckService, RedisHealthIndicator],
    TerminusController,
  );
  decorateMethod(TerminusController, 'ready', Get('ready'), terminus.HealthCheck());
  decorateClass(TerminusController, Controller('terminus'));

  // Route B: nestjs-probes' ready-made ioredis check on the same client.
  class AppModule {}
  decorateClass(
    AppModule,
    Module({
      imports: [
        RedisModule,
        terminus.TerminusModule.forRoot({ logger: false }),
        probes.HealthModule.forRoot(),
        IoRedisHealthModule.register({
          client: REDIS,
          ...SETTINGS.redis.probes,
          imports: [RedisModule],
        }),
      ],
      controllers: [TerminusController],
      providers: [RedisHealthIndicator],
    }),
  );
  return startApp(core, AppModule);
}

async function redisStopped(problems) {
  const s = SETTINGS.redis;
  const Redis = require('ioredis');
  const redis = await startRedisServer();
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const clientErrors = [];
  let client;
  let app;
  try {
    client = new Redis({ host: HOST, port: redis.port }); // ioredis's defaults otherwise
    client.on('error', (error) => clientErrors.push(error.code ?? error.message));
    if (client.status !== 'ready') {
      await once(client, 'ready', { signal: AbortSignal.timeout(10_000) });
    }
    const started = await createRedisApp(client);
    app = started.app;
    const { port } = started;
    log(
      `\n[redis] ${version.split(' ').slice(0, 3).join(' ')} on port ${redis.port}; app on ${HOST}:${port}`,
    );

    const baseline = await expectBothUp(port, 'baseline');

    const stoppedAt = performance.now();
    await stopRedisServer(redis, 'SIGTERM');
    const stopMs = round1(performance.now() - stoppedAt);
    log(`  redis-server stopped (SIGTERM) in ${stopMs} ms; client status ${client.status}`);

    const during = [];
    const clientStatus = () => ({ clientStatusAfter: client.status });
    for (const route of s.order) {
      const result = await probe(port, route, {
        phase: 'stopped',
        capMs: s.probeCapMs,
        extra: clientStatus,
      });
      result.sinceFaultMs = round1(performance.now() - stoppedAt);
      during.push(result);
      log(`  ${describeProbe(result)}  client ${result.clientStatusAfter}`);
    }
    return {
      server: version,
      clientOptions: s.clientOptions,
      stopMs,
      clientErrors: { count: clientErrors.length, kinds: [...new Set(clientErrors)] },
      probes: [...baseline, ...during],
    };
  } finally {
    // Disconnect first: it rejects what waits in the offline queue, so no request holds app.close().
    client?.disconnect();
    await app?.close();
    await stopRedisServer(redis, 'SIGKILL');
    ownedRedis = undefined;
    rmSync(redis.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const log = (line) => process.stdout.write(`${line}\n`);

function message(result) {
  const detail = result.body?.error ?? result.body?.details;
  const first = detail && Object.values(detail)[0];
  return first?.message ?? '';
}

function describeProbe(result) {
  const status = result.httpStatus ?? (result.capped ? 'no answer (capped)' : result.error);
  const note = message(result);
  return (
    `${result.route} ${result.side.padEnd(16)} ${String(status).padEnd(3)} ` +
    `${String(result.bodyStatus ?? '-').padEnd(8)} ${String(result.latencyMs).padStart(8)} ms` +
    (note ? `  (${note})` : '')
  );
}

function table(title, probes, extraColumn) {
  const rows = [['#', 'phase', 'route', 'HTTP', 'body status', 'latency ms', extraColumn.title]];
  probes.forEach((p, i) => {
    rows.push([
      String(i + 1),
      p.phase,
      `${p.route}: ${p.side}`,
      String(p.httpStatus ?? (p.capped ? 'capped' : 'error')),
      String(p.bodyStatus ?? '-'),
      p.latencyMs.toFixed(1),
      extraColumn.value(p),
    ]);
  });
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [title, line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

function versionOf(name) {
  // Some packages (typeorm) do not export ./package.json: walk up from their entry point.
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.name === name) return pkg.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function redactUrl(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function main() {
  const startedAt = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`run exceeded ${SETTINGS.watchdogMs / 1000} s: stopping`);
    process.exit(2);
  }, SETTINGS.watchdogMs);
  watchdog.unref();

  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    versions: Object.fromEntries(
      [
        '@nestjs/core',
        '@nestjs/platform-express',
        '@nestjs/terminus',
        '@nestjs/typeorm',
        'typeorm',
        'pg',
        'ioredis',
        'nestjs-probes',
      ].map((name) => [name, versionOf(name)]),
    ),
    settings: {
      ...SETTINGS,
      postgres: { ...SETTINGS.postgres, url: redactUrl(SETTINGS.postgres.url) },
    },
    routes: {
      postgres: {
        A: `TerminusModule.forRoot({ logger: false }); health.check([() => typeOrmHealthIndicator.pingCheck('database', { connection: dataSource, timeout: 1000 })])`,
        B: `HealthModule.forRoot() + TypeOrmHealthModule.register({ ttl: 0, timeout: 1000 })`,
      },
      redis: {
        A: `TerminusModule.forRoot({ logger: false }); health.check([() => healthIndicatorService.check('redis').attempt(async () => { await client.ping(); })])`,
        B: `HealthModule.forRoot() + IoRedisHealthModule.register({ client: REDIS, ttl: 0, timeout: 1000 })`,
      },
    },
  };
  log(
    `faults vs @nestjs/terminus: Node ${meta.node}, @nestjs/core ${meta.versions['@nestjs/core']}, ` +
      `@nestjs/terminus ${meta.versions['@nestjs/terminus']}, typeorm ${meta.versions.typeorm}, ` +
      `pg ${meta.versions.pg}, ioredis ${meta.versions.ioredis}`,
  );

  const problems = [];
  const postgres = await postgresPoolSaturated(problems);
  const redis = await redisStopped(problems);

  log('');
  log(
    table('PostgreSQL pool saturated (4 x pg_sleep(4) on a pool of 2)', postgres.probes, {
      title: 'pool waiting after (of them probes)',
      value: (p) => (p.poolAfter ? `${p.poolAfter.waiting} (${p.poolAfter.probeWaiting})` : '-'),
    }),
  );
  const pool = postgres.pool;
  log(
    `pool waitingCount: ${pool.beforeProbes.waiting} before the probes, ${pool.afterProbes.waiting} after them ` +
      `(${pool.afterProbes.probeWaiting} of them probes' pings); ` +
      `user queries took ${postgres.userQueries.durationsMs.join(', ')} ms; ` +
      `pool drained ${pool.drainedAfterQueriesMs ?? '(not within 5 s)'} ms after they finished`,
  );
  log('');
  log(
    table('Redis stopped (SIGTERM)', redis.probes, {
      title: 'client status after',
      value: (p) => p.clientStatusAfter ?? '-',
    }),
  );
  log(
    `ioredis 'error' events while stopped: ${redis.clientErrors.count} (${redis.clientErrors.kinds.join(', ')})`,
  );

  const elapsedSeconds = Math.round((Date.now() - startedAt) / 1000);
  log(`\nfinished in ${elapsedSeconds} s`);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(
    OUT,
    `${JSON.stringify({ meta: { ...meta, elapsedSeconds }, postgres, redis, problems }, null, 2)}\n`,
  );
  log(`written ${path.relative(ROOT, OUT)}`);
  if (problems.length) {
    log(`unexpected: ${problems.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
