import { env } from '../support/bench.config.mjs';

export const SCENARIOS = {
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
  ready: {
    path: '/health/ready',
    what: 'nestjs-probes readiness, 3 @HealthCheck checks, all fresh (ttl 60 s)',
  },
  terminus: {
    path: '/terminus/ready',
    what: '@nestjs/terminus HealthCheckService.check() over 3 HealthIndicatorService attempts with .cacheFor(60 s)',
  },
  live: {
    path: '/health/live',
    what: 'nestjs-probes liveness (no liveness checks registered)',
  },
};

const DEFAULT_SCENARIOS = ['baseline', 'ready', 'terminus', 'live'];

/** BENCH_SCENARIOS, or the defaults plus the diagnostics with BENCH_EXTRA=1. */
export const scenarioNames = env('BENCH_SCENARIOS', '')
  ? env('BENCH_SCENARIOS', '').split(',')
  : [
      ...DEFAULT_SCENARIOS,
      ...(env('BENCH_EXTRA', '') === '1' ? ['baseline+header', 'baseline+req'] : []),
    ];

export const TERMINUS_CONFIG =
  'HealthCheckService.check([3 x () => healthIndicatorService.check(key).attempt(async () => {}).cacheFor(60_000)]) ' +
  "in a controller method decorated with terminus' own @HealthCheck() (Cache-Control: no-cache, no-store, must-revalidate); " +
  'TerminusModule.forRoot({ logger: false })';
