import { env } from '../support/bench.config.mjs';

/** Readiness on both sides: one PostgreSQL ping, one Redis ping, one in-process check. */
export const CHECK_TTL_MS = 5_000;

export const SCENARIOS = {
  raw: {
    path: '/raw',
    what: 'a route registered on the HTTP adapter itself (httpAdapter.get), replying a constant: the physical limit',
  },
  baseline: {
    path: '/baseline',
    what: 'bare Nest controller returning a constant { status: "up" }',
  },
  'baseline+header': {
    path: '/baseline-header',
    what: 'the same plus @Header("Cache-Control", "no-store") (diagnostic, BENCH_EXTRA=1)',
  },
  'baseline+req': {
    path: '/baseline-req',
    what: 'the same plus @Header and a @Req() parameter, as the probes have (diagnostic, BENCH_EXTRA=1)',
  },
  live: {
    path: '/health/live',
    what: 'nestjs-probes liveness (no liveness checks registered)',
  },
  ready: {
    path: '/health/ready',
    what:
      'nestjs-probes readiness: TypeOrmHealthModule (PostgreSQL), IoRedisHealthModule (Redis) and one ' +
      'in-process @HealthCheck, library defaults (ttl 5 s, timeout 2 s)',
  },
  'terminus-live': {
    path: '/terminus/live',
    what: '@nestjs/terminus HealthCheckService.check([]) (liveness with no indicator)',
  },
  'terminus-ready': {
    path: '/terminus/ready',
    what:
      '@nestjs/terminus as documented: TypeOrmHealthIndicator.pingCheck, a HealthIndicatorService ' +
      'attempt around redis.ping(), an in-process attempt; every probe runs all three',
  },
  'terminus-cached': {
    path: '/terminus/ready-cached',
    what: 'the same three indicators, each with .cacheFor(5000) (Terminus 12.1 cache, same ttl as ours)',
  },
};

const DEFAULT_SCENARIOS = [
  'raw',
  'baseline',
  'live',
  'ready',
  'terminus-live',
  'terminus-ready',
  'terminus-cached',
];

/** BENCH_SCENARIOS, or the defaults plus the diagnostics with BENCH_EXTRA=1. */
export const scenarioNames = env('BENCH_SCENARIOS', '')
  ? env('BENCH_SCENARIOS', '').split(',')
  : [
      ...DEFAULT_SCENARIOS,
      ...(env('BENCH_EXTRA', '') === '1' ? ['baseline+header', 'baseline+req'] : []),
    ];

export const TERMINUS_CONFIG =
  "TerminusModule.forRoot({ logger: false }); controller methods with terminus' own @HealthCheck() " +
  '(Cache-Control: no-cache, no-store, must-revalidate). live: health.check([]). ready: health.check([' +
  "() => typeOrm.pingCheck('database', { connection: dataSource }), " +
  "() => indicators.check('redis').attempt(async () => { await redis.ping(); }), " +
  "() => indicators.check('app').attempt(async () => {})]). ready-cached: the same with .cacheFor(5000) on each.";
