import { HEALTH_JSON_MEDIA_TYPE } from '../results/health-json.formatter';
import { type ProbeFormat } from './probe-answer';

/**
 * The names given as `exclude` in a query string (`exclude=a&exclude=b`), or `undefined` when
 * there are none. Names are user text: a malformed escape leaves the name as it came.
 *
 * @internal
 */
export function excludedChecks(query: string): ReadonlySet<string> | undefined {
  if (!query.includes('exclude=')) return undefined;
  let names: Set<string> | undefined;
  for (const pair of query.split('&')) {
    if (!pair.startsWith('exclude=')) continue;
    (names ??= new Set()).add(decode(pair.slice('exclude='.length).replace(/\+/g, ' ')));
  }
  return names;
}

const HEALTH_JSON_MENTIONED = /health\+json/i;

/**
 * `health+json` when `Accept` names `application/health+json` with a non-zero quality, else the
 * plain JSON form (also for `*\/*`, `application/json` or no `Accept`: what the kubelet sends).
 *
 * @internal
 */
export function probeFormat(accept: string | undefined): ProbeFormat {
  if (accept === undefined || !HEALTH_JSON_MENTIONED.test(accept)) return 'json';
  for (const range of accept.split(',')) {
    const [type, ...parameters] = range.split(';');
    if (type.trim().toLowerCase() !== HEALTH_JSON_MEDIA_TYPE) continue;
    const quality = parameters.find((parameter) => parameter.trim().startsWith('q='));
    if (quality === undefined || Number(quality.trim().slice(2)) > 0) return 'health+json';
  }
  return 'json';
}

/** @internal A percent-encoded path segment or query value; malformed escapes stay as they are. */
export function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
