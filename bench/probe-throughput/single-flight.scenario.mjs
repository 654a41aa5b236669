import { HOST } from '../support/bench.config.mjs';
import { get } from '../support/http.client.mjs';
import { createCountingApp } from './counting.app.mjs';
import { cannon } from './load.cannon.mjs';

/** 40 simultaneous readiness probes, a 150 ms check with ttl 0: one run expected, two at most. */
async function coalescing(adapter) {
  const { app, port, counter } = await createCountingApp(adapter, { ttl: 0, durationMs: 150 });
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
    return { probes: 40, checkMs: 150, ttl: 0, bursts, maxAllowed: 2 };
  } finally {
    await app.close();
  }
}

/** Probes at full rate for 3 s against a check with ttl 1000: at most ceil(3000/1000)+1 runs. */
async function perTtl(adapter) {
  const { app, port, counter } = await createCountingApp(adapter, { ttl: 1_000, durationMs: 10 });
  try {
    const before = counter.runs;
    const result = await cannon(`http://${HOST}:${port}/health/ready`, 3);
    return {
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

/** The single-flight guarantees over HTTP, in this process, for one adapter. */
export async function singleFlight(adapter) {
  return { coalescing: await coalescing(adapter), perTtl: await perTtl(adapter) };
}

/** The guarantees each adapter broke, as `adapter: what`. */
export function singleFlightFailures(single) {
  const failures = [];
  for (const [adapter, s] of Object.entries(single ?? {})) {
    if (s.coalescing.bursts.some((b) => b.runs > s.coalescing.maxAllowed))
      failures.push(`${adapter}: coalescing`);
    if (s.perTtl.runs > s.perTtl.maxAllowed) failures.push(`${adapter}: more than one run per ttl`);
  }
  return failures;
}
