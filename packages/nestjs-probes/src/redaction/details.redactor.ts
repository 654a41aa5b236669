import { types } from 'node:util';
import { REDACTED, SECRET_WORD } from './redaction.constants';
import { redactSecrets } from './secret-text.redactor';

const TRUNCATED = '[truncated]';
const UNREADABLE = '[unreadable]';

const MAX_DEPTH = 6;
/** Keys per object, items per array, entries per Map or Set. */
const MAX_ENTRIES = 50;
/** Values visited per details object, so a wide and deep one costs a bounded amount of work. */
const MAX_NODES = 1_000;

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
