import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { TEST_ROLES_HEADER } from '../src/fake-auth.guard';

export type ProbeBody = { status: 'up' | 'degraded' | 'down' };

export interface ExpectedAnswer {
  status: number;
  body: ProbeBody;
}

export const UP: ExpectedAnswer = { status: 200, body: { status: 'up' } };
export const DEGRADED: ExpectedAnswer = { status: 200, body: { status: 'degraded' } };
export const DOWN: ExpectedAnswer = { status: 503, body: { status: 'down' } };

/** What readiness answers while a dependency is lost: 503 when critical, 200 degraded if not. */
export const answerWhenLost = (critical: boolean): ExpectedAnswer => (critical ? DOWN : DEGRADED);

const POLL_INTERVAL_MS = 20;

export interface PollOutcome {
  /** From the call to the first probe that gave the expected answer. */
  elapsedMs: number;
  /** The slowest probe answer seen while polling. */
  slowestProbeMs: number;
  probes: number;
}

/**
 * Probes readiness (and liveness, which must stay 200 up throughout) until readiness gives
 * `expected`, failing once `deadlineMs` has passed. Every probe answer must come within
 * `probeDeadlineMs`, even while the dependency hangs.
 */
export async function pollReadiness(
  app: INestApplication,
  expected: ExpectedAnswer,
  deadlineMs: number,
  probeDeadlineMs: number,
): Promise<PollOutcome> {
  const startedAt = performance.now();
  let slowestProbeMs = 0;
  const seen: string[] = [];
  for (let probes = 1; ; probes++) {
    const probeStartedAt = performance.now();
    const [ready, live] = await Promise.all([
      request(app.getHttpServer()).get('/health/ready'),
      request(app.getHttpServer()).get('/health/live'),
    ]);
    const probeMs = performance.now() - probeStartedAt;
    slowestProbeMs = Math.max(slowestProbeMs, probeMs);
    expect({ live: live.status, body: live.body }).toEqual({ live: 200, body: { status: 'up' } });
    expect(probeMs).toBeLessThan(probeDeadlineMs);
    const elapsedMs = performance.now() - startedAt;
    if (ready.status === expected.status && ready.body?.status === expected.body.status) {
      return { elapsedMs, slowestProbeMs, probes };
    }
    seen.push(`${Math.round(elapsedMs)} ms: ${ready.status} ${ready.body?.status}`);
    if (elapsedMs > deadlineMs) {
      throw new Error(
        `readiness did not answer ${expected.status} ${expected.body.status} within ${deadlineMs} ms; saw ${seen.slice(-5).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** Probes readiness `count` times in a row, each expected to give `expected` within the deadline. */
export async function holdReadiness(
  app: INestApplication,
  expected: ExpectedAnswer,
  count: number,
  probeDeadlineMs: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const outcome = await pollReadiness(app, expected, 0, probeDeadlineMs);
    expect(outcome.probes).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Polls the admin details until the check `name` shows `up` from a run that ended after `since`
 * (wall clock), so a result cached from before a restart cannot pass for a recovery.
 */
export async function pollFreshUp(
  app: INestApplication,
  name: string,
  since: Date,
  deadlineMs: number,
): Promise<number> {
  const startedAt = performance.now();
  for (;;) {
    const res = await request(app.getHttpServer())
      .get('/health/details')
      .set(TEST_ROLES_HEADER, 'admin');
    const check = res.body?.checks?.[name];
    if (check?.status === 'up' && new Date(check.checkedAt) >= since) {
      return performance.now() - startedAt;
    }
    if (performance.now() - startedAt > deadlineMs) {
      throw new Error(
        `"${name}" showed no fresh up within ${deadlineMs} ms; last ${JSON.stringify(check)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
