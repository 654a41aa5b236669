import { type INestApplication } from '@nestjs/common';
import {
  type ExpectedAnswer,
  holdReadiness,
  pollReadiness,
  type PollOutcome,
  UP,
} from './fault-probe.util';

export interface FaultTimings {
  /** The check's ttl + timeout, plus a little for polling: the bound on detection and recovery. */
  withinMs: number;
  /** The bound on each probe's answer time, even while the server hangs. */
  probeWithinMs: number;
}

export interface FaultScenario {
  app: INestApplication;
  timings: FaultTimings;
  /** Applies the fault (stop, kill, freeze, load...). */
  inject: () => Promise<unknown>;
  /** What readiness must answer during the fault. */
  whileLost: ExpectedAnswer;
  /** Ends the fault; resolves once the server answers again. */
  restore: () => Promise<unknown>;
  /** Open connections to the server, counted from outside the app. */
  connectionCount: () => Promise<number>;
  /** The most connections the app may hold once recovered. */
  maxConnections: number;
}

export interface FaultMeasure {
  detectMs: number;
  recoverMs: number;
  slowestProbeMs: number;
}

/**
 * One row of the fault matrix: readiness shows the fault within ttl + timeout and keeps showing it
 * (each probe answered within the timeout), then shows recovery within ttl + timeout of the server
 * answering again, without the app holding more connections than before, and without new ones
 * appearing while probes go on.
 */
export async function runFaultRow(scenario: FaultScenario): Promise<FaultMeasure> {
  const { app, timings } = scenario;
  const faultAt = performance.now();
  await scenario.inject();
  const lost = await pollReadiness(
    app,
    scenario.whileLost,
    timings.withinMs,
    timings.probeWithinMs,
  );
  const detectMs = performance.now() - faultAt;
  await holdReadiness(app, scenario.whileLost, 5, timings.probeWithinMs);
  await scenario.restore();
  const restoredAt = performance.now();
  const recovered: PollOutcome = await pollReadiness(
    app,
    UP,
    timings.withinMs,
    timings.probeWithinMs,
  );
  const recoverMs = performance.now() - restoredAt;
  await holdReadiness(app, UP, 5, timings.probeWithinMs);
  const connections = await scenario.connectionCount();
  expect(connections).toBeLessThanOrEqual(scenario.maxConnections);
  await holdReadiness(app, UP, 10, timings.probeWithinMs);
  expect(await scenario.connectionCount()).toBeLessThanOrEqual(connections);
  return {
    detectMs,
    recoverMs,
    slowestProbeMs: Math.max(lost.slowestProbeMs, recovered.slowestProbeMs),
  };
}
