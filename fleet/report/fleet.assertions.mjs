/**
 * What the fleet must show (issue 14), checked on every run; the CI run fails on any miss:
 * - ours restarts no replica, in any scenario;
 * - ours has every replica back in rotation within `oursReturnBoundMs` of each recovery;
 * - the control restarts replicas when the database is stopped and when the pool is saturated;
 * - pool saturation costs ours no failed user request.
 */
export function checkFleet(results, settings) {
  const misses = [];
  const bound = settings.oursReturnBoundMs / 1000;
  for (const s of results) {
    const ours = s.sides.ours;
    const control = s.sides.control;
    if (ours.restarts !== 0) misses.push(`${s.id}: ours restarted ${ours.restarts} replica(s)`);
    if (ours.recoveryToFullRotationS === null || ours.recoveryToFullRotationS > bound) {
      misses.push(
        `${s.id}: ours back in full rotation after ${ours.recoveryToFullRotationS ?? 'never'} s (bound ${bound} s)`,
      );
    }
    if ((s.id === 'db-outage' || s.id === 'pool-saturation') && control.restarts === 0) {
      misses.push(`${s.id}: the control restarted no replica`);
    }
    if (s.id === 'pool-saturation' && ours.failed !== 0) {
      misses.push(
        `${s.id}: ours failed ${ours.failed} user request(s) (${JSON.stringify(ours.failedBy)})`,
      );
    }
  }
  return misses;
}
