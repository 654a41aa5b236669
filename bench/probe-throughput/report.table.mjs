import { markdownTable } from '../support/markdown.table.mjs';
import { fmt } from '../support/number.format.mjs';

const HEADER = [
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
];

const ratio = (x) => (x === null || x === undefined ? '-' : x.toFixed(2));

/** The summary of every adapter and scenario; `*` marks contended rounds. */
export function throughputTable(results) {
  const rows = [HEADER];
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
        s.rounds.map((r) => `${fmt(r.rps / 1000, 1)}k${r.quiet === false ? '*' : ''}`).join(' '),
      ]);
    }
  }
  const alignRight = (i) => i >= 2 && i < HEADER.length - 1;
  return [
    markdownTable(rows, { alignRight }),
    '',
    '* = contended round (other processes used >= 25% CPU meanwhile)',
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
