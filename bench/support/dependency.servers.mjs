import { createRequire } from 'node:module';
import { loadThrowawayServers } from './throwaway-servers.loader.mjs';

const require = createRequire(import.meta.url);

/**
 * A throwaway PostgreSQL with pg_stat_statements loaded (set with ALTER SYSTEM, then a restart,
 * since it needs shared_preload_libraries) and a throwaway Redis, on free loopback ports in temp
 * dirs. `destroy()` kills both; the test-servers' exit reaper kills them should we die first.
 */
export async function startDependencies() {
  const { ThrowawayPostgres, ThrowawayRedis } = loadThrowawayServers();
  const [postgres, redis] = await Promise.all([ThrowawayPostgres.start(), ThrowawayRedis.start()]);
  let statements = false;
  try {
    await pgQuery(postgres.url, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    await postgres.stop();
    await postgres.restart();
    await pgQuery(postgres.url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    statements = true;
  } catch (error) {
    // Counted from pg_stat_database instead (transactions, not statements): said in the results.
    process.stderr.write(`pg_stat_statements unavailable (${error.message}); using xact counts\n`);
    await postgres.ensureServing();
  }
  return {
    postgres,
    redis,
    pgUrl: postgres.url,
    redisPort: redis.port,
    pgCounter: statements
      ? 'pg_stat_statements (calls)'
      : 'pg_stat_database (xact_commit + xact_rollback)',
    destroy: () => Promise.allSettled([postgres.destroy(), redis.destroy()]),
  };
}

async function pgQuery(url, sql) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Reads what the servers executed: statements (or transactions) on PostgreSQL, commands on Redis
 * (INFO commandstats). Our own reads are left out: the statement reading pg_stat_statements is
 * excluded by its text, and each snapshot's own INFO is subtracted.
 */
export async function openCounters(deps) {
  const { Client } = require('pg');
  const Redis = require('ioredis');
  const pg = new Client({ connectionString: deps.pgUrl, application_name: 'bench counters' });
  await pg.connect();
  const redis = new Redis({ host: '127.0.0.1', port: deps.redisPort, lazyConnect: true });
  await redis.connect();
  const statements = deps.pgCounter.startsWith('pg_stat_statements');
  const pgSql = statements
    ? "SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'"
    : 'SELECT (xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database WHERE datname = current_database()';
  const snapshot = async () => {
    const { rows } = await pg.query(pgSql);
    const commands = parseCommandStats(await redis.info('commandstats'));
    // pg_stat_database counts this very transaction too, and pg_stat_database is updated lazily:
    // statements are the precise measure, xacts the fallback.
    return { at: performance.now(), pg: Number(rows[0].n), redis: commands };
  };
  const rates = (before, after) => {
    const seconds = (after.at - before.at) / 1000;
    const redisCalls = sum(after.redis) - sum(before.redis) - 1; // the `before` snapshot's INFO
    const byCommand = {};
    for (const [name, calls] of Object.entries(after.redis)) {
      const n = calls - (before.redis[name] ?? 0) - (name === 'info' ? 1 : 0);
      if (n > 0) byCommand[name] = n;
    }
    return {
      seconds: Math.round(seconds * 100) / 100,
      pgQueries: after.pg - before.pg - (statements ? 0 : 1),
      pgPerSecond: round2((after.pg - before.pg - (statements ? 0 : 1)) / seconds),
      redisCommands: redisCalls,
      redisPerSecond: round2(redisCalls / seconds),
      redisByCommand: byCommand,
    };
  };
  return {
    snapshot,
    rates,
    close: async () => {
      redis.disconnect();
      await pg.end();
    },
  };
}

const round2 = (x) => Math.round(x * 100) / 100;
const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);

function parseCommandStats(text) {
  const calls = {};
  for (const line of text.split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) calls[match[1]] = Number(match[2]);
  }
  return calls;
}
