import { CHECK_TTL_MS } from '../probe-throughput/scenarios.config.mjs';
import { markdownTable } from '../support/markdown.table.mjs';

const MIB = 1024 * 1024;

/**
 * Every target of issue 14 that this run measured: `{ target, met, measured }`. A target whose
 * suite did not run is left out.
 */
export function targetLines(results, s) {
  const t = [];
  const add = (target, met, measured) => t.push({ target, met: Boolean(met), measured });
  for (const [adapter, r] of Object.entries(results)) {
    const ready = r.ready;
    if (!ready) continue;
    if (ready.rpsToBaseline) {
      add(
        `${adapter}: ready >= 0.95x bare req/s`,
        ready.rpsToBaseline.median >= 0.95,
        range(ready.rpsToBaseline),
      );
    }
    if (ready.cpuToBaseline) {
      add(
        `${adapter}: ready <= 1.0x bare CPU/req`,
        ready.cpuToBaseline.median <= 1.0,
        range(ready.cpuToBaseline),
      );
    }
    if (ready.cpuToRaw) {
      add(
        `${adapter}: ready <= 1.05x raw adapter route CPU/req`,
        ready.cpuToRaw.median <= 1.05,
        range(ready.cpuToRaw),
      );
    }
    const overTtl = ready.rounds.filter(
      (m) => m.dependencies && !withinOneRunPerTtl(m.dependencies),
    );
    add(
      `${adapter}: ready at full rate runs each check at most once per ttl (${CHECK_TTL_MS} ms)`,
      overTtl.length === 0,
      `PostgreSQL ${ready.rounds.map((m) => m.dependencies?.pgQueries).join('/')} statements and Redis ` +
        `${ready.rounds.map((m) => m.dependencies?.redisCommands).join('/')} commands per ${ready.rounds[0]?.dependencies?.seconds} s round ` +
        `at ${Math.round(ready.rps)} probes/s`,
    );
  }
  for (const [adapter, sf] of Object.entries(s.singleFlight ?? {})) {
    add(
      `${adapter}: single flight (ttl 1000 at full rate, 40 simultaneous probes at ttl 0)`,
      sf.perTtl.runs <= sf.perTtl.maxAllowed && sf.coalescing.bursts.every((b) => b.runs <= 2),
      `${sf.perTtl.runs} runs for ${sf.perTtl.probes} probes in 3 s; bursts ${sf.coalescing.bursts.map((b) => b.runs).join(',')}`,
    );
  }
  if (s.pool) {
    add(
      'saturated pool: live 100% 200',
      s.pool.liveOkShare === 1,
      JSON.stringify(s.pool.live.statuses),
    );
    add(
      'saturated pool: ready 200 degraded',
      s.pool.ready200Share === 1 && s.pool.readyDegradedShareAfterTtl === 1,
      `${JSON.stringify(s.pool.ready.statuses)}; after the first ttl: ${JSON.stringify(s.pool.readyAfterTtl.statuses)}`,
    );
    add(
      'saturated pool: all user work done',
      s.pool.userFailed === 0,
      `${s.pool.userCompleted} done in ${s.pool.userDoneMs} ms, ideal ${s.pool.userIdealMs}`,
    );
  }
  for (const [adapter, h] of Object.entries(s.hung ?? {})) {
    add(
      `${adapter}: hung check answered within timeout + 50 ms at p99`,
      h.latencyMs.p99 <= h.timeoutMs + 50,
      `p99 ${h.latencyMs.p99} ms, timeout ${h.timeoutMs} ms; a bare route sleeping ${h.timeoutMs} ms: p99 ${h.controlLatencyMs.p99} ms`,
    );
    add(
      `${adapter}: heap growth under 1 MiB after ${h.probes} probes`,
      h.heapGrowth < MIB,
      `${Math.round(h.heapGrowth / 1024)} KiB`,
    );
  }
  for (const d of s.discovery ?? []) {
    const limit = d.checks >= 10_000 ? 1000 : 100;
    add(
      `${d.checks} checks add under ${limit} ms to init`,
      d.initAddedMs < limit,
      `+${d.initAddedMs} ms (${d.initMsWith} against ${d.initMsNone})`,
    );
  }
  for (const [adapter, u] of Object.entries(s.userCost ?? {})) {
    const p = u.phases['ready 100/s'];
    // A saturated server's throughput falls by the share of its core the probes take: CPU per
    // probe (net, measured at 1000/s where it is precise) x 100/s, against one core.
    const perProbe = u.idle['ready 1000/s']?.cpuUsPerProbe;
    const share = perProbe === null || perProbe === undefined ? null : (perProbe * 100) / 1e6;
    add(
      `${adapter}: probes at 100/s cost user throughput under 2%`,
      share !== null && share < 0.02,
      `probes take ${share === null ? '-' : (share * 100).toFixed(2)}% of the server's core (${perProbe} µs per probe); ` +
        `user req/s measured x${p.userRpsToAlone} (${p.userRpsToAloneRange.join('-')}) of alone`,
    );
  }
  return t;
}

const range = (r) => `${r.median.toFixed(2)} (${r.min.toFixed(2)}-${r.max.toFixed(2)})`;

/** ceil(window / ttl) + 1 runs at most: PostgreSQL 1 statement a run, Redis 3 (PING, 2 x INFO). */
function withinOneRunPerTtl(d) {
  const runs = Math.ceil((d.seconds * 1000) / CHECK_TTL_MS) + 1;
  return d.pgQueries <= runs && d.redisCommands <= 3 * runs;
}

/** The targets as a markdown table. */
export function targetsTable(targets) {
  const rows = [
    ['target', 'met', 'measured'],
    ...targets.map((t) => [t.target, t.met ? 'met' : '**missed**', t.measured]),
  ];
  return markdownTable(rows);
}
