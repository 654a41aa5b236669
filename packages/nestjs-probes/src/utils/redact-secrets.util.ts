const REDACTED = '***';
const HOST = '[host]';

const SECRET_KEY =
  'password|passwd|pwd|pass|secret|token|api[_-]?key|apikey|access[_-]?key|auth|authorization|credentials?|private[_-]?key|session[_-]?id|cookie';

/** Ordered: credentials first, then hosts, so a redacted secret can no longer look like a host. */
const RULES: ReadonlyArray<readonly [RegExp, string | ((...groups: string[]) => string)]> = [
  // scheme://user:pass@host → scheme://***@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, `$1${REDACTED}@`],
  [/\b(bearer|basic)\s+[a-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // password=x, "token": "x", apiKey: x
  [
    new RegExp(`\\b((?:${SECRET_KEY})["']?\\s*[=:]\\s*)("[^"]*"|'[^']*'|[^\\s&;,]+)`, 'gi'),
    (_match, key: string, value: string) =>
      /^["']/.test(value) ? `${key}${value[0]}${REDACTED}${value[0]}` : `${key}${REDACTED}`,
  ],
  // scheme://host → scheme://[host]
  [/\b([a-z][a-z0-9+.-]*:\/\/(?:\*\*\*@)?)(\[[0-9a-f:.]+\]|[^\s/:?#'"]+)/gi, `$1${HOST}`],
  [/\b(ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN)\s+[^\s,;)]+/g, `$1 ${HOST}`],
  // IPv4, optionally with a port
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, HOST],
  // IPv6: bracketed, or containing '::' (so a clock time like 12:30:45 stays)
  [/\[[0-9a-f:.]*:[0-9a-f:.]*\](?::\d{1,5})?/gi, HOST],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:)*[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:)*[0-9a-f]{0,4}(?![\w:])/gi, HOST],
  // name.domain:port
  [/\b[a-z0-9-]+(?:\.[a-z0-9-]+)+:\d{2,5}\b/gi, HOST],
];

const SECRET_FIELD = new RegExp(`^(?:${SECRET_KEY})$|password|secret|token`, 'i');
const MAX_TEXT = 500;
const MAX_SCAN = 4 * MAX_TEXT;
const MAX_DEPTH = 6;

/**
 * Removes credentials (URL userinfo, `password=` style pairs, bearer tokens) and hosts (IP addresses,
 * URL hosts, `name:port`) from error text. The error kind (`ECONNREFUSED`, `timed out`) stays.
 *
 * @internal
 */
export function redactSecrets(text: string): string {
  // Cut after redacting: a secret cut short (`user:pass` without its `@`) no longer matches its
  // rule. The scan is still bounded, since some rules are quadratic on long runs of word characters.
  let redacted = text.slice(0, MAX_SCAN);
  for (const [pattern, replacement] of RULES) {
    redacted = redacted.replace(pattern, replacement as (...groups: string[]) => string);
  }
  return redacted.length > MAX_TEXT ? `${redacted.slice(0, MAX_TEXT)}…` : redacted;
}

/**
 * Copies a details object with every string redacted and every secret-named field masked.
 * Cycles, functions and deep nesting are cut rather than followed.
 *
 * @internal
 */
export function redactDetails(details: object): Record<string, unknown> {
  return redactValue(details, 0, new WeakSet()) as Record<string, unknown>;
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return redactSecrets(value.message);
  if (seen.has(value) || depth >= MAX_DEPTH) return '[truncated]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] =
      SECRET_FIELD.test(key) && (typeof field !== 'object' || Array.isArray(field))
        ? REDACTED
        : redactValue(field, depth + 1, seen);
  }
  return copy;
}
