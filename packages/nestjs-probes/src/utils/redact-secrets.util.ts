import { types } from 'node:util';

type Replacement = string | ((match: string, ...groups: string[]) => string);

const REDACTED = '***';
const HOST = '[host]';
const TRUNCATED = '[truncated]';
const UNREADABLE = '[unreadable]';

const MAX_TEXT = 500;
const MAX_SCAN = 4 * MAX_TEXT;
const MAX_DEPTH = 6;
/** Keys per object, items per array, entries per Map or Set. */
const MAX_ENTRIES = 50;
/** Values visited per details object, so a wide and deep one costs a bounded amount of work. */
const MAX_NODES = 1_000;

/** A key ending in one of these names a secret: `DB_PASSWORD`, `PGPASSWORD`, `clientSecret`. */
const SECRET_WORD =
  'passwords?|passwd|pwd|pass|passphrase|secrets?|tokens?|api[_-]?keys?|access[_-]?keys?|' +
  'secret[_-]?keys?|private[_-]?keys?|auth|authorization|credentials?|session[_-]?ids?|' +
  'cookies?|jwt';

/** Words that follow `token` or `password is` in prose rather than a secret: `token expired`. */
const PROSE_WORD =
  'is|are|was|were|be|been|has|have|had|will|can|cannot|could|should|would|may|must|did|does|do|' +
  'not|no|none|null|undefined|empty|missing|required|invalid|expired|revoked|rejected|refused|' +
  'denied|malformed|incorrect|wrong|mismatch|too|provided|supplied|given|set|found|failed|' +
  'authentication|verification|validation|signature|audience|issuer|subject|format|type|length|' +
  'header|field|the|a|an|and|or|for|from|of|to|in|on|at|by|with|without|after|before';

/**
 * Two-label names ending in one of these are hosts (`db.internal`, `example.com`); names of three
 * labels or more are hosts whatever their suffix, unless it is a file extension below.
 */
const HOST_SUFFIXES: ReadonlySet<string> = new Set(
  (
    'com net org edu gov mil int io co dev app cloud ai me info biz xyz site online tech host ' +
    'uk de fr eu us ca au jp nl ch se no es it pl ru cn br ' +
    'internal local localdomain localhost lan svc cluster corp home intranet private ' +
    'example test invalid'
  ).split(' '),
);

/** Suffixes of file names (`main.js`, `app.module.ts`, `schema.sql`), never of hosts. */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'js mjs cjs jsx ts mts cts tsx json sql yaml yml toml xml csv txt log md html css map proto ' +
    'node lock ini conf cfg env pem crt key'
  ).split(' '),
);

const SECRET_PAIR = new RegExp(
  `(?<![\\w-])([\\w-]*?(?:${SECRET_WORD})["']?\\s*[=:]\\s*)` +
    `("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|[^\\s&;,]+)`,
  'gi',
);

// A `key=value` after the word is left to the pair rule: `POST /oauth/token client_id=app`.
const SECRET_PROSE = new RegExp(
  `(?<![\\w-])([\\w-]*?(?:(?:token|api[_ -]?key|apikey|secret|passphrase|jwt)(?:\\s+is)?|` +
    `(?:password|passwd)\\s+is))\\s+(?!(?:${PROSE_WORD})\\b)(?![^\\s,;]*=[^\\s=,;])[^\\s,;]+`,
  'gi',
);

const PEM_LABEL = '[A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----';
const PRIVATE_KEY_BLOCK = new RegExp(
  `-----BEGIN ${PEM_LABEL}[\\s\\S]*?(?:-----END ${PEM_LABEL}|$)`,
  'g',
);

const CREDENTIAL_RULES: ReadonlyArray<readonly [RegExp, Replacement]> = [
  // A key cut short by the scan limit is still redacted to the end.
  [PRIVATE_KEY_BLOCK, '[private key]'],
  // Up to the LAST @ of the token: a password may hold `/`, `#`, `?` or `@`.
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s"'`]*@/gi, `$1${REDACTED}@`],
  [/\b(bearer|basic)\s+[a-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[\w-]{2,}\.[\w-]{2,}(?:\.[\w-]*)?/g, REDACTED],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
  [
    SECRET_PAIR,
    (_match, key: string, value: string) =>
      /^["']/.test(value) ? `${key}${value[0]}${REDACTED}${value[0]}` : `${key}${REDACTED}`,
  ],
  [SECRET_PROSE, `$1 ${REDACTED}`],
];

const HOST_RULES: ReadonlyArray<readonly [RegExp, Replacement]> = [
  // scheme://host → scheme://[host]
  [
    /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/(?:\*\*\*@)?)(\[[0-9a-f:.]+\]|[^\s/:?#'"]+)/gi,
    `$1${HOST}`,
  ],
  [/\b(ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN)\s+[^\s,;)]+/g, `$1 ${HOST}`],
  // IPv4, optionally with a port
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, HOST],
  // IPv6: bracketed, containing '::', or of all eight groups (so a clock time like 12:30:45 stays)
  [/\[[0-9a-f:.]*:[0-9a-f:.]*\](?::\d{1,5})?/gi, HOST],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:)*[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:)*[0-9a-f]{0,4}(?![\w:])/gi, HOST],
  [/(?<![\w:.])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?::\d{1,5})?(?![\w:])/gi, HOST],
  // name.domain:port
  [/(?<![a-z0-9.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+:\d{2,5}\b/gi, HOST],
  [/(?<![\w-])[\w-]+(?:\.[\w-]+)+/g, (name) => (looksLikeHostName(name) ? HOST : name)],
  [/\blocalhost\b/gi, HOST],
];

/** Ordered: credentials first, then hosts, so a redacted secret can no longer look like a host. */
const RULES = [...CREDENTIAL_RULES, ...HOST_RULES];

/** Numbers (`1.5`), versions (`v1.2.3`), durations (`1.5s`) and file names are not hosts. */
function looksLikeHostName(name: string): boolean {
  const labels = name.toLowerCase().split('.');
  const suffix = labels[labels.length - 1];
  if (!/^[a-z][a-z0-9-]*$/.test(suffix) || FILE_EXTENSIONS.has(suffix)) return false;
  return labels.length >= 3 || HOST_SUFFIXES.has(suffix);
}

/**
 * Removes credentials (URL userinfo, `password=` style pairs, bearer tokens, JWTs, AWS key ids,
 * private keys) and hosts (IP addresses, URL hosts, `name:port`, dotted host names) from error
 * text. The error kind (`ECONNREFUSED`, `timed out`) stays.
 *
 * @internal
 */
export function redactSecrets(text: string): string {
  // Cut after redacting: a secret cut short (`user:pass` without its `@`) no longer matches its
  // rule. The scan is still bounded, since some rules are quadratic on long runs of word
  // characters.
  let redacted = text.slice(0, MAX_SCAN);
  for (const [pattern, replacement] of RULES) {
    redacted = redacted.replace(pattern, replacement as (...groups: string[]) => string);
  }
  return redacted.length > MAX_TEXT ? `${redacted.slice(0, MAX_TEXT)}…` : redacted;
}

const SECRET_NAME = new RegExp(
  `(?:${SECRET_WORD})$|password|passwd|secret|token|credential|api[_-]?key|private[_-]?key`,
  'i',
);

/** A credentials object is followed to mask its secret fields; `user` beside them stays. */
const CREDENTIALS_NAME = /credentials?$/i;

/** `password`, `dbPassword`, `DB_PASSWORD`, `x-api-key`, `set-cookie`: masked whole. */
function isSecretName(key: string): boolean {
  return SECRET_NAME.test(key);
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function masksWhole(key: string, value: unknown): boolean {
  return isSecretName(key) && !(CREDENTIALS_NAME.test(key) && isPlainObject(value));
}

/** Whether a secret-named field is masked without reading it (and running its getter). */
function masksUnread(key: string): boolean {
  return isSecretName(key) && !CREDENTIALS_NAME.test(key);
}

function isBinary(value: unknown): value is ArrayBufferLike | ArrayBufferView {
  return ArrayBuffer.isView(value) || types.isAnyArrayBuffer(value);
}

const describeBinary = (byteLength: number) => `[binary ${byteLength} bytes]`;

/**
 * A `JSON.stringify` replacer masking what `redactDetails` masks: secret-named fields and binary
 * values. It leaves cycles and BigInts to throw, as `JSON.stringify` does; after `MAX_NODES`
 * values it drops the rest.
 *
 * @internal
 */
export function secretMaskingReplacer(): (key: string, value: unknown) => unknown {
  let nodesLeft = MAX_NODES;
  return (key, value) => {
    if (nodesLeft-- <= 0) return undefined;
    if (key !== '' && masksWhole(key, value)) return REDACTED;
    if (isBinary(value)) return describeBinary(value.byteLength);
    if (isSerialisedBuffer(value)) return describeBinary(value.data.length);
    return value;
  };
}

// `Buffer#toJSON` runs before a replacer sees the Buffer.
function isSerialisedBuffer(value: unknown): value is { data: unknown[] } {
  const candidate = value as { type?: unknown; data?: unknown } | null;
  return candidate?.type === 'Buffer' && Array.isArray(candidate.data);
}

interface Walk {
  nodesLeft: number;
  readonly ancestors: Set<object>;
}

/**
 * Copies a details object with every string redacted and every secret-named field masked whole.
 * Binary values and boxed primitives are summarised; Maps and Sets are copied as objects and
 * arrays. Cycles, functions, deep nesting, wide objects and anything past a total budget of values
 * are cut rather than followed, and a field that throws when read becomes a marker.
 *
 * @internal
 */
export function redactDetails(details: object): Record<string, unknown> {
  const copy = redactValue(details, 0, { nodesLeft: MAX_NODES, ancestors: new Set() });
  return typeof copy === 'object' && copy !== null
    ? (copy as Record<string, unknown>)
    : { value: copy };
}

function redactValue(value: unknown, depth: number, walk: Walk): unknown {
  if (walk.nodesLeft-- <= 0) return TRUNCATED;
  if (typeof value !== 'object' || value === null) return redactPrimitive(value);
  if (walk.ancestors.has(value) || depth >= MAX_DEPTH) return TRUNCATED;
  walk.ancestors.add(value);
  try {
    return redactObject(value, depth, walk);
  } catch {
    return UNREADABLE;
  } finally {
    walk.ancestors.delete(value);
  }
}

function redactPrimitive(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

/** Written as one value, read through prototype methods that own properties cannot shadow. */
const SUMMARIES: ReadonlyArray<readonly [(value: object) => boolean, (value: never) => unknown]> = [
  [isBinary, (value: ArrayBufferLike | ArrayBufferView) => describeBinary(value.byteLength)],
  [types.isStringObject, (value: string) => redactSecrets(String.prototype.valueOf.call(value))],
  [types.isNumberObject, (value: number) => Number.prototype.valueOf.call(value)],
  [types.isBooleanObject, (value: boolean) => Boolean.prototype.valueOf.call(value)],
  [types.isBigIntObject, (value: bigint) => BigInt.prototype.toString.call(value)],
  [types.isSymbolObject, () => undefined],
  [types.isDate, describeDate],
  [(value) => types.isNativeError(value) || value instanceof Error, describeNestedError],
];

function describeDate(date: Date): string {
  const time = Date.prototype.getTime.call(date);
  return Number.isNaN(time) ? 'Invalid Date' : new Date(time).toISOString();
}

function describeNestedError(error: Error): string {
  return redactSecrets(String(error.message));
}

function redactObject(value: object, depth: number, walk: Walk): unknown {
  const summary = SUMMARIES.find(([matches]) => matches(value));
  if (summary) return summary[1](value as never);
  if (Array.isArray(value)) {
    return redactItems(value.slice(0, MAX_ENTRIES), value.length, depth, walk);
  }
  if (types.isSet(value)) {
    return redactItems(firstEntries(Set.prototype.values.call(value)), value.size, depth, walk);
  }
  if (types.isMap(value)) return redactMap(value, depth, walk);
  return redactRecord(value as Record<string, unknown>, depth, walk);
}

function redactMap(map: Map<unknown, unknown>, depth: number, walk: Walk): Record<string, unknown> {
  const entries = firstEntries(Map.prototype.entries.call(map) as Iterable<[unknown, unknown]>);
  const fields = entries.map(([key, field], index) => [mapKey(key, index), () => field] as const);
  return redactFields(fields, map.size, depth, walk);
}

function redactRecord(
  record: Record<string, unknown>,
  depth: number,
  walk: Walk,
): Record<string, unknown> {
  const keys = Object.keys(record);
  const fields = keys.slice(0, MAX_ENTRIES).map((key) => [key, () => record[key]] as const);
  return redactFields(fields, keys.length, depth, walk);
}

function firstEntries<T>(entries: Iterable<T>): T[] {
  const first: T[] = [];
  for (const entry of entries) {
    if (first.length >= MAX_ENTRIES) break;
    first.push(entry);
  }
  return first;
}

function mapKey(key: unknown, index: number): string {
  return (typeof key === 'object' && key !== null) || typeof key === 'function'
    ? `[key ${index}]`
    : String(key);
}

function redactItems(items: unknown[], total: number, depth: number, walk: Walk): unknown[] {
  const copy = items.map((item) => redactValue(item, depth + 1, walk));
  if (total > items.length) copy.push(`[${total - items.length} more items]`);
  return copy;
}

function redactFields(
  fields: ReadonlyArray<readonly [string, () => unknown]>,
  total: number,
  depth: number,
  walk: Walk,
): Record<string, unknown> {
  // fromEntries defines own properties, so a `__proto__` key cannot reach the copy's prototype.
  const copy = Object.fromEntries(
    fields.map(([key, read]) => [key, redactField(key, read, depth, walk)]),
  );
  if (total > fields.length) copy['[more]'] = `${total - fields.length} more keys`;
  return copy;
}

function redactField(key: string, read: () => unknown, depth: number, walk: Walk): unknown {
  if (masksUnread(key)) return REDACTED;
  try {
    const field = read();
    return masksWhole(key, field) ? REDACTED : redactValue(field, depth + 1, walk);
  } catch {
    return UNREADABLE;
  }
}
