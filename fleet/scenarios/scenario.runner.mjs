import { sleep } from '../support/clock.mjs';
import { scenarioFigures } from '../report/scenario.figures.mjs';
import { FAULTS } from './database.faults.mjs';

const POLL_MS = 50;

/**
 * Runs one scenario on both sides at once (the same fault hits both fleets): waits until every
 * replica is in rotation, sends user reads, injects the fault after `leadMs`, waits until each
 * side is back in full rotation (at most `recoveryBoundMs`), watches `tailMs` more, then measures.
 */
export async function runScenario(ctx, scenario) {
  const { clock, settings, log } = ctx;
  const settled = await waitFor(
    () => ctx.sides.every((s) => s.replicaSet.allInRotation()),
    settings.settleBoundMs,
    clock,
  );
  const notReady = ctx.sides.flatMap((s) =>
    s.replicaSet.pods.filter((p) => !p.inRotation).map((p) => p.name),
  );
  if (!settled)
    log(`  [${scenario.id}] starting with ${notReady.join(', ')} still out of rotation`);

  const startedAt = clock.now();
  for (const side of ctx.sides) side.traffic.startReads(settings.readsPerSecond);
  await sleep(settings.leadMs);

  const faultAt = clock.now();
  log(`  [${scenario.id}] fault: ${scenario.title}`);
  const recoveredAt = await FAULTS[scenario.kind](ctx, scenario);
  log(
    `  [${scenario.id}] recovered after ${((Math.max(...Object.values(recoveredAt)) - faultAt) / 1000).toFixed(1)} s; waiting for full rotation`,
  );

  await Promise.all(
    ctx.sides.map((side) =>
      waitFor(() => side.replicaSet.allInRotation(), settings.recoveryBoundMs, clock),
    ),
  );
  await sleep(settings.tailMs);
  for (const side of ctx.sides) await side.traffic.stop();
  const endedAt = clock.now();

  const window = { startedAt, faultAt, endedAt };
  const sides = Object.fromEntries(
    ctx.sides.map((side) => [
      side.name,
      scenarioFigures({
        side: side.name,
        pods: side.replicaSet.pods.map((p) => p.name),
        events: ctx.events,
        requests: side.requests,
        window: { ...window, recoveredAt: recoveredAt[side.name] },
      }),
    ]),
  );
  return {
    id: scenario.id,
    title: scenario.title,
    faultS: round1((Math.max(...Object.values(recoveredAt)) - faultAt) / 1000),
    durationS: round1((endedAt - startedAt) / 1000),
    notInRotationAtStart: notReady,
    sides,
  };
}

export async function waitFor(condition, timeoutMs, clock) {
  const deadline = clock.now() + timeoutMs;
  while (!condition()) {
    if (clock.now() > deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

const round1 = (x) => Math.round(x * 10) / 10;
