import { markdownTable } from '../support/markdown.table.mjs';
import { fmt } from '../support/number.format.mjs';

const HEADER = [
  'adapter',
  'scenario',
  'req/s',
  'x bare req/s (min-max)',
  'CPU µs/req',
  'x bare CPU/req (min-max)',
  'x raw CPU/req',
  'p50/p99 ms',
  'PG q/s',
  'Redis cmd/s',
  'quiet rounds',
];

const ratio = (x) => (x === null || x === undefined ? '-' : x.toFixed(2));
const range = (r) => (r ? `${ratio(r.median)} (${ratio(r.min)}-${ratio(r.max)})` : '-');
const rate = (x) => (x === null || x === undefined ? '-' : fmt(x, x < 10 ? 1 : 0));

/** The summary of every adapter and scenario; ratios are per round, median (min-max). */
export function throughputTable(results) {
  const rows = [HEADER];
  for (const [adapter, scenarios] of Object.entries(results)) {
    for (const [name, s] of Object.entries(scenarios)) {
      rows.push([
        adapter,
        name,
        fmt(s.rps, 0),
        range(s.rpsToBaseline),
        s.serverCpuUsPerRequest.toFixed(1),
        range(s.cpuToBaseline),
        ratio(s.cpuToRaw?.median),
        `${s.p50Ms}/${s.p99Ms}`,
        rate(s.pgPerSecond),
        rate(s.redisPerSecond),
        `${s.quietRounds}/${s.rounds.length}`,
      ]);
    }
  }
  const alignRight = (i) => i >= 2;
  return [
    markdownTable(rows, { alignRight }),
    '',
    'ratios per round to the bare Nest route (x bare) or the raw adapter route (x raw) of the same round, median (min-max);',
    'CPU µs/req = server process utime+stime / requests (median over rounds); quiet = other processes < 25% CPU.',
  ].join('\n');
}

/** One line per adapter on the single-flight measurement. */
export function singleFlightLines(single) {
  return Object.entries(single).map(([adapter, { coalescing: c, perTtl: t }]) => {
    const runs = c.bursts.map((b) => b.runs).join(', ');
    return (
      `single flight (${adapter}): 40 simultaneous probes of a 150 ms check, ttl 0 -> runs per burst ${runs} (max ${c.maxAllowed}); ` +
      `${fmt(t.probes, 0)} probes in 3 s against ttl 1000 -> ${t.runs} runs (max ${t.maxAllowed})`
    );
  });
}
