import { NO_STORE } from '../health.constants';
import { type HealthStatus } from '../interfaces';
import { HEALTH_JSON_MEDIA_TYPE, toHealthJsonStatus } from '../results/health-json.formatter';

/** @internal What a public probe writes: built once per status and format, never per request. */
export interface ProbeAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** @internal The representations a probe can answer in (`Accept`). */
export type ProbeFormat = 'json' | 'health+json';

/** @internal The methods every probe path answers; any other gets 405 with this `Allow`. */
export const PROBE_METHODS = 'GET, HEAD, OPTIONS';

function build(status: HealthStatus, format: ProbeFormat): ProbeAnswer {
  const json = format === 'json';
  const body = JSON.stringify({ status: json ? status : toHealthJsonStatus(status) });
  return Object.freeze({
    statusCode: status === 'down' ? 503 : 200,
    headers: Object.freeze({
      'Content-Type': json ? 'application/json; charset=utf-8' : HEALTH_JSON_MEDIA_TYPE,
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': NO_STORE,
      // The representation depends on Accept: a shared cache must not serve one for the other.
      Vary: 'Accept',
      // Envoy's active health checking marks the host degraded (not failed) on this header.
      ...(status === 'degraded' && { 'x-envoy-degraded': 'true' }),
    }),
    body,
  });
}

const ANSWERS: Record<ProbeFormat, Record<HealthStatus, ProbeAnswer>> = {
  json: {
    up: build('up', 'json'),
    degraded: build('degraded', 'json'),
    down: build('down', 'json'),
  },
  'health+json': {
    up: build('up', 'health+json'),
    degraded: build('degraded', 'health+json'),
    down: build('down', 'health+json'),
  },
};

/**
 * The public answer: 200 `up` or `degraded`, 503 `down`, and nothing else (no error text, no check
 * names). A 503 says when to ask again: `retryAfter` is read on that path alone.
 *
 * @internal
 */
export function probeAnswer(
  status: HealthStatus,
  format: ProbeFormat,
  retryAfter: () => number,
): ProbeAnswer {
  const answer = ANSWERS[format][status];
  if (status !== 'down') return answer;
  return { ...answer, headers: { ...answer.headers, 'Retry-After': String(retryAfter()) } };
}

/** @internal `OPTIONS` on a probe path: what it allows, no body. */
export const OPTIONS_ANSWER: ProbeAnswer = Object.freeze({
  statusCode: 204,
  headers: Object.freeze({ Allow: PROBE_METHODS, 'Cache-Control': NO_STORE }),
  body: '',
});

const NOT_ALLOWED_BODY = JSON.stringify({ statusCode: 405, message: 'Method Not Allowed' });

/** @internal Any other method on a probe path. */
export const METHOD_NOT_ALLOWED_ANSWER: ProbeAnswer = Object.freeze({
  statusCode: 405,
  headers: Object.freeze({
    Allow: PROBE_METHODS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(NOT_ALLOWED_BODY)),
    'Cache-Control': NO_STORE,
  }),
  body: NOT_ALLOWED_BODY,
});
