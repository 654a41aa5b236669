import { REDACTED, SECRET_WORD } from './redaction.constants';

type Replacement = string | ((match: string, ...groups: string[]) => string);

const HOST = '[host]';

const MAX_TEXT = 500;
const MAX_SCAN = 4 * MAX_TEXT;

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
