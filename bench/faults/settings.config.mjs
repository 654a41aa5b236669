import { HOST, env } from '../support/bench.config.mjs';

export const SETTINGS = {
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

export const OUT = 'bench/results/faults-vs-terminus.json';

/** Route A answers for Terminus, route B for nestjs-probes, in every scenario's app. */
export const ROUTES = {
  A: { path: '/terminus/ready', side: '@nestjs/terminus' },
  B: { path: '/health/ready', side: 'nestjs-probes' },
};

/** How each scenario's routes are set up, as recorded in the JSON (`meta.routes`). */
export const ROUTE_SETUPS = {
  postgres: {
    A: `TerminusModule.forRoot({ logger: false }); health.check([() => typeOrmHealthIndicator.pingCheck('database', { connection: dataSource, timeout: 1000 })])`,
    B: `HealthModule.forRoot() + TypeOrmHealthModule.register({ ttl: 0, timeout: 1000 })`,
  },
  redis: {
    A: `TerminusModule.forRoot({ logger: false }); health.check([() => healthIndicatorService.check('redis').attempt(async () => { await client.ping(); })])`,
    B: `HealthModule.forRoot() + IoRedisHealthModule.register({ client: REDIS, ttl: 0, timeout: 1000 })`,
  },
};
