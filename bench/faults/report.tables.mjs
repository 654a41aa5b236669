import { log } from '../support/log.output.mjs';
import { markdownTable } from '../support/markdown.table.mjs';

const HEADER = ['#', 'phase', 'route', 'HTTP', 'body status', 'latency ms'];

/** Every probe of a scenario under `title`, with one scenario-specific last column. */
function probesTable(title, probes, extraColumn) {
  const rows = [[...HEADER, extraColumn.title]];
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
  return [title, markdownTable(rows)].join('\n');
}

/** Scenario 1's probes and pool figures. */
export function logPostgresReport(postgres) {
  log(
    probesTable('PostgreSQL pool saturated (4 x pg_sleep(4) on a pool of 2)', postgres.probes, {
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
}

/** Scenario 2's probes and the client's errors. */
export function logRedisReport(redis) {
  log(
    probesTable('Redis stopped (SIGTERM)', redis.probes, {
      title: 'client status after',
      value: (p) => p.clientStatusAfter ?? '-',
    }),
  );
  log(
    `ioredis 'error' events while stopped: ${redis.clientErrors.count} (${redis.clientErrors.kinds.join(', ')})`,
  );
}
