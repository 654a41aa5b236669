import { env } from '../support/bench.config.mjs';

export const SETTINGS = {
  warmupSeconds: Number(env('BENCH_WARMUP', 2)),
  rewarmSeconds: Number(env('BENCH_REWARM', 0.5)),
  durationSeconds: Number(env('BENCH_DURATION', 2)),
  connections: Number(env('BENCH_CONNECTIONS', 32)),
  pipelining: 1,
  rounds: Number(env('BENCH_ROUNDS', 6)),
  adapters: env('BENCH_ADAPTERS', 'express,fastify').split(','),
};

/** Rounds where other processes used this much CPU (% of a core) or more count as contended. */
export const QUIET_THRESHOLD_PERCENT = 25;
export const QUIET_BUDGET_MS = Number(env('BENCH_QUIET_BUDGET', 30)) * 1000;

/** Node flags for the server processes (BENCH_SERVER_FLAGS). */
export const SERVER_FLAGS = env('BENCH_SERVER_FLAGS', '').split(' ').filter(Boolean);

/** BENCH_METRICS=1 registers PrometheusHealthModule in the measured app. */
export const METRICS = env('BENCH_METRICS', '0') === '1';

const ALL_SUITES = 'throughput,single-flight,pool,hung,redis,discovery,user-cost';

/** BENCH_SUITES; BENCH_SINGLE_FLIGHT=0 (older knob) drops single-flight. */
export const SUITES = new Set(
  env('BENCH_SUITES', ALL_SUITES)
    .split(',')
    .filter((s) => s && !(s === 'single-flight' && env('BENCH_SINGLE_FLIGHT', '1') === '0')),
);

/** The whole run stops (exit 2) past this. */
export const WATCHDOG_MS = Number(env('BENCH_WATCHDOG', 1200)) * 1000;

export const OUT = 'bench/results/latest.json';
