import { CHECK_NO_RESULT_YET } from '../health.messages';
import { type HealthCheckReport, type HealthDetailsReport, type HealthStatus } from '../interfaces';
import { roundToTenth } from '../utils/round-to-tenth.util';

/** @internal The media type of draft-inadarei-api-health-check. */
export const HEALTH_JSON_MEDIA_TYPE = 'application/health+json';

/** @internal The draft's statuses. */
export type HealthJsonStatus = 'pass' | 'warn' | 'fail';

/** @internal The draft's pre-defined component types. */
export type HealthJsonComponentType = 'component' | 'datastore' | 'system';

/** @internal One measurement of one component, as the draft's `checks` values hold them. */
export interface HealthJsonMeasurement {
  componentType: HealthJsonComponentType;
  status: HealthJsonStatus;
  time?: string;
  observedValue?: number;
  observedUnit?: string;
  output?: string;
}

/** @internal The draft's body: only the fields we have something true to put in. */
export interface HealthJsonDetails {
  status: HealthJsonStatus;
  version?: string;
  releaseId?: string;
  serviceId?: string;
  description?: string;
  checks: Record<string, HealthJsonMeasurement[]>;
}

/** @internal What the service says about itself, beyond the report. */
export interface HealthJsonService {
  /** The release, `1.4.2` say (default: the report's `version`). */
  readonly version?: string;
  readonly serviceId?: string;
  readonly description?: string;
  /**
   * Component types by check name, for checks whose kind the details do not show (a ready-made
   * check's class gives it: see `componentTypeOfClass`).
   */
  readonly componentTypes?: Readonly<Record<string, HealthJsonComponentType>>;
}

const STATUSES: Readonly<Record<HealthStatus, HealthJsonStatus>> = {
  up: 'pass',
  degraded: 'warn',
  down: 'fail',
};

/** @internal up → pass, degraded → warn, down → fail (anything else → fail). */
export function toHealthJsonStatus(status: HealthStatus): HealthJsonStatus {
  return Object.hasOwn(STATUSES, status) ? STATUSES[status] : 'fail';
}

const CLASS_TYPES: Readonly<Record<string, HealthJsonComponentType>> = {
  TypeOrmHealthCheck: 'datastore',
  IoRedisHealthCheck: 'datastore',
  DiskHealthCheck: 'system',
  MemoryHealthCheck: 'system',
  EventLoopHealthCheck: 'system',
  HttpHealthCheck: 'component',
};

/** @internal The component type of a ready-made check's class, undefined for any other class. */
export function componentTypeOfClass(className: string): HealthJsonComponentType | undefined {
  return Object.hasOwn(CLASS_TYPES, className) ? CLASS_TYPES[className] : undefined;
}

/**
 * The details report in the shape of draft-inadarei-api-health-check (06): `checks` keyed
 * `<check name>:<measurement>`, each an array of one measurement with the check's status, the
 * time of its result, its figure and unit where it has one, and its (already redacted) error as
 * `output` when it is not passing; plus `uptime`, and `version`/`releaseId`/`serviceId` when known.
 * Pure, and never throws on odd details: a figure that is not a finite number is left out.
 *
 * @internal
 */
export function toHealthJsonDetails(
  report: HealthDetailsReport,
  service: HealthJsonService = {},
): HealthJsonDetails {
  const checks: Record<string, HealthJsonMeasurement[]> = {};
  const uptime = finite(report.uptimeSeconds);
  const now = isoTime(report.timestamp);
  if (uptime !== undefined) {
    checks.uptime = [
      { componentType: 'system', observedValue: uptime, observedUnit: 's', status: 'pass', ...now },
    ];
  }
  for (const [name, check] of Object.entries(report.checks ?? {})) {
    for (const [measurement, entry] of measurementsOf(check, name, service, now)) {
      checks[`${name}:${measurement}`] ??= [entry];
    }
  }
  const release = text(service.version) ?? text(report.version);
  return {
    status: toHealthJsonStatus(report.status),
    ...(release !== undefined && { version: majorOf(release), releaseId: release }),
    ...(text(service.serviceId) !== undefined && { serviceId: service.serviceId }),
    ...(text(service.description) !== undefined && { description: service.description }),
    checks,
  };
}

function measurementsOf(
  check: HealthCheckReport,
  name: string,
  service: HealthJsonService,
  now: { time?: string },
): [string, HealthJsonMeasurement][] {
  try {
    const type = typeOf(service.componentTypes, name, check);
    return figuresOf(check, type).map(([measurement, figure]) => [
      measurement,
      toMeasurement(check, type, figure, now),
    ]);
  } catch {
    // Details are plain data once redacted; a getter that throws still costs only its figures.
    return [['status', toMeasurement(check, 'component', undefined, now)]];
  }
}

/** A figure and its unit; none for a check that has nothing measured to show. */
type Figure = { value: number; unit: string } | undefined;

function toMeasurement(
  check: HealthCheckReport,
  componentType: HealthJsonComponentType,
  figure: Figure,
  fallbackTime: { time?: string },
): HealthJsonMeasurement {
  const status = toHealthJsonStatus(check.status);
  const time = isoTime(check.checkedAt);
  const output = status === 'pass' ? undefined : text(check.error);
  return {
    componentType,
    ...(figure && { observedValue: figure.value, observedUnit: figure.unit }),
    status,
    ...(time.time !== undefined ? time : fallbackTime),
    ...(output !== undefined && { output }),
  };
}

/**
 * The measurements of one check, from what the ready-made checks report (latency, pool, Redis
 * memory, disk, heap, event-loop delay); a check reporting none of those is measured by its run's
 * duration, and one not yet run gets a bare `status` entry.
 */
function figuresOf(check: HealthCheckReport, type: HealthJsonComponentType): [string, Figure][] {
  const details = record(check.details);
  const figures = [
    ...disk(details),
    ...memory(details),
    ...eventLoop(details),
    ...datastore(details),
  ];
  const latency = finite(details.latencyMs) ?? (type === 'system' ? undefined : duration(check));
  if (latency !== undefined) figures.unshift(['responseTime', { value: latency, unit: 'ms' }]);
  return figures.length > 0 ? figures : [['status', undefined]];
}

function duration(check: HealthCheckReport): number | undefined {
  // A background check before its first run reads as down with a duration of 0: nothing measured.
  if (check.error === CHECK_NO_RESULT_YET) return undefined;
  return finite(check.durationMs);
}

function disk(details: Record<string, unknown>): [string, Figure][] {
  const freePercent = finite(details.freePercent);
  const freeBytes = finite(details.freeBytes);
  if (freePercent === undefined || finite(details.totalBytes) === undefined) return [];
  return [
    ['utilization', { value: roundToTenth(100 - freePercent), unit: 'percent' }],
    ...(freeBytes === undefined ? [] : [['free', { value: freeBytes, unit: 'bytes' }] as const]),
  ] as [string, Figure][];
}

function memory(details: Record<string, unknown>): [string, Figure][] {
  const heapPercent = finite(details.heapUsedPercent);
  const rssBytes = finite(details.rssBytes);
  const figures: [string, Figure][] = [];
  if (heapPercent !== undefined)
    figures.push(['utilization', { value: heapPercent, unit: 'percent' }]);
  if (rssBytes !== undefined) figures.push(['rss', { value: rssBytes, unit: 'bytes' }]);
  return figures;
}

function eventLoop(details: Record<string, unknown>): [string, Figure][] {
  const p99 = finite(details.p99Ms);
  return p99 === undefined ? [] : [['delay', { value: p99, unit: 'ms' }]];
}

/** The pool's open connections (TypeORM), and Redis' memory (of its maxmemory when set). */
function datastore(details: Record<string, unknown>): [string, Figure][] {
  const figures: [string, Figure][] = [];
  const open = finite(record(details.pool).size);
  if (open !== undefined) figures.push(['connections', { value: open, unit: 'connections' }]);
  const used = finite(details.usedMemoryBytes);
  const max = finite(details.maxMemoryBytes);
  if (used !== undefined && max !== undefined && max > 0) {
    figures.push(['utilization', { value: roundToTenth((used / max) * 100), unit: 'percent' }]);
  } else if (used !== undefined) {
    figures.push(['memory', { value: used, unit: 'bytes' }]);
  }
  return figures;
}

/** The check's kind: given by the caller, else told by its figures, else a plain component. */
function typeOf(
  given: HealthJsonService['componentTypes'],
  name: string,
  check: HealthCheckReport,
): HealthJsonComponentType {
  if (given && Object.hasOwn(given, name) && isComponentType(given[name])) return given[name];
  const details = record(check.details);
  const has = (...keys: string[]) => keys.some((key) => finite(details[key]) !== undefined);
  if (has('freePercent', 'heapUsedPercent', 'rssBytes', 'p99Ms')) return 'system';
  if (finite(record(details.pool).size) !== undefined) return 'datastore';
  if (has('usedMemoryBytes', 'maxMemoryBytes') || typeof details.role === 'string') {
    return 'datastore';
  }
  return 'component';
}

const isComponentType = (value: unknown): value is HealthJsonComponentType =>
  value === 'component' || value === 'datastore' || value === 'system';

/** `1.4.2` → `1`, `v2.0.0-rc.1` → `2`: the draft's public version; other text as it is. */
const majorOf = (release: string): string => /^v?(\d+)\.\d+/.exec(release)?.[1] ?? release;

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** `{ time }` in ISO 8601 (UTC) when `value` is a date, else nothing. */
function isoTime(value: unknown): { time?: string } {
  if (typeof value !== 'string') return {};
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? {} : { time: date.toISOString() };
}
