/** The scenarios' headline figures, one line each (the details are logged as they run). */
export function scenarioLines(s) {
  const lines = [];
  if (s.pool) {
    lines.push(
      `pool: user ${s.pool.userCompleted} done (${s.pool.userFailed} failed) in ${s.pool.userDoneMs} ms (ideal ${s.pool.userIdealMs}); ` +
        `live ${JSON.stringify(s.pool.live.statuses)}; ready ${JSON.stringify(s.pool.ready.statuses)}`,
    );
  }
  for (const [adapter, h] of Object.entries(s.hung ?? {})) {
    lines.push(
      `hung (${adapter}): p99 ${h.latencyMs.p99} ms (timeout ${h.timeoutMs}), heap ${Math.round(h.heapGrowth / 1024)} KiB after ${h.probes} probes`,
    );
  }
  if (s.redis) lines.push(`redis: detect ${s.redis.detectMs} ms, recover ${s.redis.recoverMs} ms`);
  for (const d of s.discovery ?? []) {
    lines.push(
      `discovery: ${d.checks} checks on ${d.providers} providers add ${d.initAddedMs} ms to init`,
    );
  }
  for (const [adapter, u] of Object.entries(s.userCost ?? {})) {
    const p = u.phases;
    lines.push(
      `user-cost (${adapter}): ready 100/s x${p['ready 100/s'].userRpsToAlone}, ready 1000/s x${p['ready 1000/s'].userRpsToAlone}, ` +
        `raw 1000/s x${p['raw 1000/s'].userRpsToAlone}; handler share ${u.handlerShareAt1000}`,
    );
  }
  return lines;
}
