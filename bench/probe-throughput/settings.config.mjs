import { env } from '../support/bench.config.mjs';

export const SETTINGS = {
  warmupSeconds: Number(env('BENCH_WARMUP', 2)),
  rewarmSeconds: Number(env('BENCH_REWARM', 0.5)),
  durationSeconds: Number(env('BENCH_DURATION', 3)),
  connections: Number(env('BENCH_CONNECTIONS', 32)),
  pipelining: 1,
  rounds: Number(env('BENCH_ROUNDS', 4)),
  adapters: env('BENCH_ADAPTERS', 'express,fastify').split(','),
};

/** Rounds where other processes used this much CPU (% of a core) or more count as contended. */
export const QUIET_THRESHOLD_PERCENT = 25;
export const QUIET_BUDGET_MS = Number(env('BENCH_QUIET_BUDGET', 15)) * 1000;

/** Node flags for the server processes (BENCH_SERVER_FLAGS). */
export const SERVER_FLAGS = env('BENCH_SERVER_FLAGS', '').split(' ').filter(Boolean);

/** BENCH_METRICS=1 registers PrometheusHealthModule in the measured app. */
export const METRICS = env('BENCH_METRICS', '0') === '1';

export const SINGLE_FLIGHT = env('BENCH_SINGLE_FLIGHT', '1') !== '0';

export const OUT = 'bench/results/latest.json';
