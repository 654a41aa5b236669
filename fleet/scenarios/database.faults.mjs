import { sleep } from '../support/clock.mjs';

/**
 * The three faults, each resolving the moment it is over ("recovery"), per side:
 * `{ ours: t, control: t }` on the run's clock.
 */
export const FAULTS = {
  /** PostgreSQL shut down (fast), then started again on the same port once `downMs` passed. */
  async 'db-stopped'(ctx, scenario) {
    const stoppedAt = ctx.clock.now();
    await ctx.pg.stop();
    await sleep(stoppedAt + scenario.downMs - ctx.clock.now());
    await ctx.pg.restart(); // resolves once it answers SELECT 1
    return bothAt(ctx.clock.now());
  },

  /**
   * Each side's users run slow reports (`pg_sleep`), `workersPerReplica` x replicas clients at once:
   * twice as many as the pool has connections, so every replica's pool is full with a queue behind
   * it. Over when the last report ended.
   */
  async 'pool-saturated'(ctx, scenario) {
    const workers = scenario.workersPerReplica * ctx.settings.replicas;
    const stops = ctx.sides.map((side) => side.traffic.startSlowReports(workers, scenario.sleepMs));
    await sleep(scenario.durationMs);
    for (const stop of stops) stop();
    const recovered = {};
    await Promise.all(
      ctx.sides.map(async (side) => {
        await side.traffic.settled('slow');
        recovered[side.name] = ctx.clock.now();
      }),
    );
    return recovered;
  },

  /** Every PostgreSQL process SIGSTOPped for `freezeMs`, then running for `thawMs`, repeatedly. */
  async 'db-frozen'(ctx, scenario) {
    const endAt = ctx.clock.now() + scenario.durationMs;
    let resumedAt = ctx.clock.now();
    while (ctx.clock.now() < endAt) {
      ctx.pg.freeze();
      try {
        await sleep(Math.min(scenario.freezeMs, endAt - ctx.clock.now()));
      } finally {
        ctx.pg.resume();
      }
      resumedAt = ctx.clock.now();
      if (ctx.clock.now() + scenario.thawMs >= endAt) break;
      await sleep(scenario.thawMs);
    }
    return bothAt(resumedAt);
  },
};

function bothAt(t) {
  return { ours: t, control: t };
}
