import { getWithin } from '../support/http.client.mjs';
import { round1 } from '../support/number.format.mjs';
import { ROUTES } from './settings.config.mjs';

/** One probe of route A or B: HTTP status, body status, latency, and the body as JSON. */
export async function probe(port, route, { phase, capMs = 60_000, extra } = {}) {
  const startedAt = performance.now();
  const answer = await getWithin(port, ROUTES[route].path, capMs);
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
export async function expectBothUp(port, phase, problems) {
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

/** The first check's message in an error answer (Terminus' `error` or `details`), or ''. */
function message(result) {
  const detail = result.body?.error ?? result.body?.details;
  const first = detail && Object.values(detail)[0];
  return first?.message ?? '';
}

/** One probe as a progress line. */
export function describeProbe(result) {
  const status = result.httpStatus ?? (result.capped ? 'no answer (capped)' : result.error);
  const note = message(result);
  return (
    `${result.route} ${result.side.padEnd(16)} ${String(status).padEnd(3)} ` +
    `${String(result.bodyStatus ?? '-').padEnd(8)} ${String(result.latencyMs).padStart(8)} ms` +
    (note ? `  (${note})` : '')
  );
}
