/** Markdown and one-line summaries of a fleet run. */

const SIDES = ['ours', 'control'];

export function resultsTable(results) {
  const rows = [
    '| scenario | side | restarts | killed by liveness | out of rotation (s, all replicas; longest replica) | user requests failed / sent | reads served, p50 / p99 (ms) | recovery → full rotation (s) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of results) {
    for (const side of SIDES) {
      const f = s.sides[side];
      const liveness = f.killedBy['liveness probe failed'] ?? 0;
      rows.push(
        `| ${s.id} (${s.title}) | ${side} | ${f.restarts} | ${liveness} | ${f.outOfRotationS.toFixed(1)}; ${longest(f).toFixed(1)} | ${f.failed} / ${f.requests} | ${latency(f)} | ${f.recoveryToFullRotationS ?? 'not within run'} |`,
      );
    }
  }
  return rows.join('\n');
}

const latency = (f) => (f.readLatencyMs ? `${f.readLatencyMs.p50} / ${f.readLatencyMs.p99}` : '-');
const longest = (f) => Math.max(0, ...Object.values(f.outOfRotationByReplicaS));

export function totals(results, side) {
  const sum = (key) => results.reduce((acc, s) => acc + s.sides[side][key], 0);
  return {
    restarts: sum('restarts'),
    failed: sum('failed'),
    outOfRotationS: Math.round(sum('outOfRotationS') * 10) / 10,
  };
}

/** The pinned last line: `fleet: ours restarts=<n> failed=<n> outOfRotationS=<s>; control ...`. */
export function summaryLine(results) {
  const part = (side) => {
    const t = totals(results, side);
    return `${side} restarts=${t.restarts} failed=${t.failed} outOfRotationS=${t.outOfRotationS.toFixed(1)}`;
  };
  return `fleet: ${part('ours')}; ${part('control')}`;
}
