import { CHECK_NO_RESULT_YET } from '../health.messages';
import { type HealthCheckReport, type HealthDetailsReport } from '../interfaces';
import {
  componentTypeOfClass,
  HEALTH_JSON_MEDIA_TYPE,
  type HealthJsonDetails,
  toHealthJsonDetails,
  toHealthJsonStatus,
} from './health-json.formatter';

const CHECKED_AT = '2026-11-30T12:00:00.000Z';
const NOW = '2026-11-30T12:00:05.000Z';

/** Every field of draft-inadarei-api-health-check-06, with the JSON type it must have. */
const TOP_LEVEL_FIELDS: Record<string, (value: unknown) => boolean> = {
  status: (value) => value === 'pass' || value === 'warn' || value === 'fail',
  version: (value) => typeof value === 'string',
  releaseId: (value) => typeof value === 'string',
  notes: (value) => Array.isArray(value) && value.every((note) => typeof note === 'string'),
  output: (value) => typeof value === 'string',
  serviceId: (value) => typeof value === 'string',
  description: (value) => typeof value === 'string',
  checks: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  links: (value) => typeof value === 'object' && value !== null,
};

const CHECK_FIELDS: Record<string, (value: unknown) => boolean> = {
  componentId: (value) => typeof value === 'string',
  componentType: (value) => typeof value === 'string' && value !== '',
  observedValue: (value) => value !== undefined,
  observedUnit: (value) => typeof value === 'string' && value !== '',
  status: TOP_LEVEL_FIELDS.status,
  affectedEndpoints: (value) =>
    Array.isArray(value) && value.every((url) => typeof url === 'string'),
  time: (value) =>
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
  output: (value) => typeof value === 'string',
  links: (value) => typeof value === 'object' && value !== null,
};

/** The fields of `object` that the draft does not define, or whose value has the wrong type. */
function violations(object: object, fields: Record<string, (value: unknown) => boolean>) {
  return Object.entries(object)
    .filter(([key, value]) => !Object.hasOwn(fields, key) || !fields[key](value))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
}

/** Fails unless `body` holds only the draft's fields, each of the right type and rule. */
function expectDraftShape(body: HealthJsonDetails): void {
  expect(violations(body, TOP_LEVEL_FIELDS)).toEqual([]);
  expect(body.status).toBeDefined();
  expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  for (const [key, entries] of Object.entries(body.checks)) {
    expect(key).not.toBe('');
    expect(Array.isArray(entries) && entries.length > 0).toBe(true);
    for (const entry of entries) {
      expect({ key, violations: violations(entry, CHECK_FIELDS) }).toEqual({ key, violations: [] });
      expect(entry.status).toBeDefined();
      // A unit goes with a value; output is for warn and fail only.
      expect('observedValue' in entry).toBe('observedUnit' in entry);
      if (entry.status === 'pass') expect(entry).not.toHaveProperty('output');
    }
  }
}

function check(overrides: Partial<HealthCheckReport> = {}): HealthCheckReport {
  return {
    status: 'up',
    critical: true,
    probes: ['readiness'],
    durationMs: 4.2,
    checkedAt: CHECKED_AT,
    ...overrides,
  };
}

function report(
  checks: Record<string, HealthCheckReport>,
  overrides: Partial<HealthDetailsReport> = {},
): HealthDetailsReport {
  return {
    status: 'up',
    probes: { liveness: 'up', readiness: 'up', startup: 'up' },
    uptimeSeconds: 120,
    timestamp: NOW,
    checks,
    ...overrides,
  };
}

const at = { time: CHECKED_AT };

describe('HEALTH_JSON_MEDIA_TYPE', () => {
  it('is the draft’s media type', () => {
    expect(HEALTH_JSON_MEDIA_TYPE).toBe('application/health+json');
  });
});

describe('toHealthJsonStatus', () => {
  it.each([
    ['up', 'pass'],
    ['degraded', 'warn'],
    ['down', 'fail'],
    ['unknown', 'fail'],
    ['toString', 'fail'],
  ] as const)('maps %s to %s', (status, expected) => {
    expect(toHealthJsonStatus(status as never)).toBe(expected);
  });
});

describe('toHealthJsonDetails', () => {
  describe('measures each ready-made check by its own figures', () => {
    it.each<[string, HealthCheckReport, Record<string, object>]>([
      [
        'TypeORM on pg: latency and open connections, a datastore',
        check({ details: { latencyMs: 1.3, pool: { size: 2, idle: 1, waiting: 0, max: 10 } } }),
        {
          'db:responseTime': {
            componentType: 'datastore',
            observedValue: 1.3,
            observedUnit: 'ms',
            status: 'pass',
            ...at,
          },
          'db:connections': {
            componentType: 'datastore',
            observedValue: 2,
            observedUnit: 'connections',
            status: 'pass',
            ...at,
          },
        },
      ],
      [
        'ioredis without maxmemory: latency and used memory in bytes',
        check({
          details: { latencyMs: 0.4, role: 'master', usedMemoryBytes: 1048576, maxMemoryBytes: 0 },
        }),
        {
          'db:responseTime': {
            componentType: 'datastore',
            observedValue: 0.4,
            observedUnit: 'ms',
            status: 'pass',
            ...at,
          },
          'db:memory': {
            componentType: 'datastore',
            observedValue: 1048576,
            observedUnit: 'bytes',
            status: 'pass',
            ...at,
          },
        },
      ],
      [
        'ioredis with maxmemory: its utilization in percent',
        check({
          status: 'degraded',
          error: 'ping took 80 ms, above 50 ms',
          details: { latencyMs: 80, usedMemoryBytes: 300, maxMemoryBytes: 1200 },
        }),
        {
          'db:responseTime': {
            componentType: 'datastore',
            observedValue: 80,
            observedUnit: 'ms',
            status: 'warn',
            output: 'ping took 80 ms, above 50 ms',
            ...at,
          },
          'db:utilization': {
            componentType: 'datastore',
            observedValue: 25,
            observedUnit: 'percent',
            status: 'warn',
            output: 'ping took 80 ms, above 50 ms',
            ...at,
          },
        },
      ],
      [
        'HTTP, down: latency, failing with the redacted error as output',
        check({
          status: 'down',
          error: 'HTTP 503, expected 200-299',
          details: { statusCode: 503, latencyMs: 12.5 },
        }),
        {
          'db:responseTime': {
            componentType: 'component',
            observedValue: 12.5,
            observedUnit: 'ms',
            status: 'fail',
            output: 'HTTP 503, expected 200-299',
            ...at,
          },
        },
      ],
      [
        'disk: the used share of the file system and the free bytes, a system',
        check({ details: { freeBytes: 2048, totalBytes: 8192, freePercent: 25 } }),
        {
          'db:utilization': {
            componentType: 'system',
            observedValue: 75,
            observedUnit: 'percent',
            status: 'pass',
            ...at,
          },
          'db:free': {
            componentType: 'system',
            observedValue: 2048,
            observedUnit: 'bytes',
            status: 'pass',
            ...at,
          },
        },
      ],
      [
        'memory: heap utilization and RSS',
        check({
          details: { heapUsedBytes: 10, heapLimitBytes: 100, heapUsedPercent: 10, rssBytes: 5000 },
        }),
        {
          'db:utilization': {
            componentType: 'system',
            observedValue: 10,
            observedUnit: 'percent',
            status: 'pass',
            ...at,
          },
          'db:rss': {
            componentType: 'system',
            observedValue: 5000,
            observedUnit: 'bytes',
            status: 'pass',
            ...at,
          },
        },
      ],
      [
        'event loop: the p99 delay',
        check({ details: { p50Ms: 1, p99Ms: 12.3, maxMs: 20, samples: 40 } }),
        {
          'db:delay': {
            componentType: 'system',
            observedValue: 12.3,
            observedUnit: 'ms',
            status: 'pass',
            ...at,
          },
        },
      ],
      [
        'a user check without figures: the duration of its run',
        check({ durationMs: 7.5, details: { rows: 3 } }),
        {
          'db:responseTime': {
            componentType: 'component',
            observedValue: 7.5,
            observedUnit: 'ms',
            status: 'pass',
            ...at,
          },
        },
      ],
      [
        'a background check with no result yet: a bare status entry',
        check({ status: 'down', durationMs: 0, error: CHECK_NO_RESULT_YET }),
        {
          'db:status': {
            componentType: 'component',
            status: 'fail',
            output: CHECK_NO_RESULT_YET,
            ...at,
          },
        },
      ],
      [
        'a passing check with an error text: no output',
        check({ error: 'ignored', details: { latencyMs: 1 } }),
        {
          'db:responseTime': {
            componentType: 'component',
            observedValue: 1,
            observedUnit: 'ms',
            status: 'pass',
            ...at,
          },
        },
      ],
    ])('%s', (_case, given, expected) => {
      const body = toHealthJsonDetails(report({ db: given }));
      const { uptime, ...checks } = body.checks;
      expect(checks).toEqual(
        Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [v]])),
      );
      expect(uptime).toEqual([
        {
          componentType: 'system',
          observedValue: 120,
          observedUnit: 's',
          status: 'pass',
          time: NOW,
        },
      ]);
      expectDraftShape(body);
    });
  });

  it('takes the component type from the caller first, for checks whose details do not tell it', () => {
    const body = toHealthJsonDetails(
      report({
        orders: check({ details: { latencyMs: 2 } }),
        disk: check({ details: { rows: 1 } }),
      }),
      { componentTypes: { orders: 'datastore', disk: 'system', other: 'bogus' as never } },
    );
    expect(body.checks['orders:responseTime'][0].componentType).toBe('datastore');
    // A system check is not measured by its run's duration.
    expect(body.checks['disk:status'][0]).toEqual({
      componentType: 'system',
      status: 'pass',
      ...at,
    });
    expectDraftShape(body);
  });

  it.each([
    ['up', 'pass'],
    ['degraded', 'warn'],
    ['down', 'fail'],
  ] as const)('answers the report status %s as %s', (status, expected) => {
    const body = toHealthJsonDetails(report({}, { status }));
    expect(body.status).toBe(expected);
    expectDraftShape(body);
  });

  it.each<[string, { version?: string }, string | undefined, object]>([
    ['semver from the report', {}, '1.4.2', { version: '1', releaseId: '1.4.2' }],
    ['a v-prefixed prerelease', {}, 'v2.0.0-rc.1', { version: '2', releaseId: 'v2.0.0-rc.1' }],
    [
      'text that is not semver',
      {},
      '2026-11-30.abc',
      { version: '2026-11-30.abc', releaseId: '2026-11-30.abc' },
    ],
    [
      'the service’s version over the report’s',
      { version: '3.1.0' },
      '1.0.0',
      { version: '3', releaseId: '3.1.0' },
    ],
    ['none', {}, undefined, {}],
    ['an empty one', { version: '' }, '', {}],
  ])('version and releaseId: %s', (_case, service, version, expected) => {
    const body = toHealthJsonDetails(report({}, version === undefined ? {} : { version }), service);
    const { status: _status, checks: _checks, ...rest } = body;
    expect(rest).toEqual(expected);
    expectDraftShape(body);
  });

  it('adds serviceId and description when they are non-empty text', () => {
    expect(
      toHealthJsonDetails(report({}), { serviceId: 'orders-7f9c', description: 'Orders API' }),
    ).toMatchObject({
      serviceId: 'orders-7f9c',
      description: 'Orders API',
    });
    const body = toHealthJsonDetails(report({}), { serviceId: '', description: 42 as never });
    expect(body).not.toHaveProperty('serviceId');
    expect(body).not.toHaveProperty('description');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'latencyMs: 5'],
    ['an array', [1, 2, 3]],
    ['a NaN latency', { latencyMs: NaN }],
    ['an infinite latency', { latencyMs: Infinity }],
    ['a latency as text', { latencyMs: '5' }],
    ['a redacted figure', { latencyMs: '[redacted]', pool: '[redacted]' }],
    ['a pool of text', { pool: { size: '2', idle: null } }],
    ['a pool that is an array', { pool: [2, 1] }],
    ['half the disk figures', { freePercent: 10 }],
    ['a negative maxmemory', { usedMemoryBytes: 5, maxMemoryBytes: -1 }],
    ['a BigInt', { latencyMs: BigInt(5) }],
    ['a deep object', { a: { b: { c: { d: { latencyMs: 1 } } } } }],
    ['a truncated object', { '[truncated]': true }],
  ])('never throws on details that are %s, and stays in the draft’s shape', (_case, details) => {
    const given = check({ status: 'degraded', error: 'slow', details: details as never });
    const body = toHealthJsonDetails(report({ odd: given }));
    expectDraftShape(body);
    for (const [key, [entry]] of Object.entries(body.checks)) {
      if (key === 'uptime') continue;
      expect(key.startsWith('odd:')).toBe(true);
      expect(entry).toMatchObject({ status: 'warn', output: 'slow' });
    }
  });

  it('never throws on a details getter that throws: the check keeps a status entry', () => {
    const details = Object.defineProperty({}, 'latencyMs', {
      enumerable: true,
      get() {
        throw new Error('hostile');
      },
    });
    const body = toHealthJsonDetails(report({ odd: check({ details }) }));
    expect(body.checks['odd:status']).toEqual([
      { componentType: 'component', status: 'pass', ...at },
    ]);
  });

  it.each<[string, Partial<HealthCheckReport>, Partial<HealthDetailsReport>, object]>([
    [
      'the result’s own time, normalised to UTC',
      { checkedAt: '2026-11-30T13:00:00+01:00' },
      {},
      { time: CHECKED_AT },
    ],
    [
      'the report’s time for a result without a valid one',
      { checkedAt: 'yesterday' },
      {},
      { time: NOW },
    ],
    ['no time when neither is a date', { checkedAt: 42 as never }, { timestamp: 'now' }, {}],
  ])('time: %s', (_case, given, overrides, expected) => {
    const body = toHealthJsonDetails(report({ db: check(given) }, overrides));
    const entry = body.checks['db:responseTime'][0];
    expect({ time: entry.time }).toEqual({ time: undefined, ...expected });
    expectDraftShape(body);
  });

  it('leaves uptime out when the report has no finite uptime', () => {
    const body = toHealthJsonDetails(report({}, { uptimeSeconds: NaN }));
    expect(body.checks).toEqual({});
    expectDraftShape(body);
  });

  it('keys checks by their own names, whatever they hold, with no prototype games', () => {
    const body = toHealthJsonDetails(
      report({ ['__proto__']: check(), 'db:primary': check(), 'a b': check() }),
    );
    expect(Object.keys(body.checks).sort()).toEqual([
      '__proto__:responseTime',
      'a b:responseTime',
      'db:primary:responseTime',
      'uptime',
    ]);
    expect(Object.getPrototypeOf(body.checks)).toBe(Object.prototype);
    expectDraftShape(body);
  });

  it('keeps the first of two figures that would share a key', () => {
    const body = toHealthJsonDetails(
      report({
        mixed: check({
          details: { freeBytes: 1, totalBytes: 4, freePercent: 25, heapUsedPercent: 90 },
        }),
      }),
    );
    expect(body.checks['mixed:utilization']).toEqual([
      {
        componentType: 'system',
        observedValue: 75,
        observedUnit: 'percent',
        status: 'pass',
        ...at,
      },
    ]);
  });

  it('shows nothing of the report beyond the draft’s fields (no probes, critical, streaks)', () => {
    const full = check({
      details: { latencyMs: 1, host: 'db.internal' },
      since: CHECKED_AT,
      transitions: [{ to: 'up', at: CHECKED_AT }],
      streak: { status: 'passing', runs: 3 },
    });
    const body = toHealthJsonDetails(report({ db: full }));
    expect(JSON.stringify(body)).not.toMatch(/db\.internal|critical|probes|streak|transitions/);
    expectDraftShape(body);
  });
});

describe('componentTypeOfClass', () => {
  it.each([
    ['TypeOrmHealthCheck', 'datastore'],
    ['IoRedisHealthCheck', 'datastore'],
    ['DiskHealthCheck', 'system'],
    ['MemoryHealthCheck', 'system'],
    ['EventLoopHealthCheck', 'system'],
    ['HttpHealthCheck', 'component'],
    ['DatabaseHealth', undefined],
    ['constructor', undefined],
  ])('%s is %p', (className, expected) => {
    expect(componentTypeOfClass(className)).toBe(expected);
  });
});
