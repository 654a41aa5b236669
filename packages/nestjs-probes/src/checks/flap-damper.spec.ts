import { type HealthStatus } from '../interfaces';
import { FlapDamper } from './flap-damper';

/** Feeds runs in order and returns the status after each. */
function statusesAfter(damper: FlapDamper, runs: HealthStatus[], start?: HealthStatus) {
  let status = start;
  return runs.map((run) => (status = damper.next(status, run)));
}

describe('FlapDamper', () => {
  it('follows every run with both thresholds at 1', () => {
    expect(statusesAfter(new FlapDamper(1, 1), ['up', 'down', 'up', 'degraded', 'down'])).toEqual([
      'up',
      'down',
      'up',
      'degraded',
      'down',
    ]);
  });

  it('takes the first run as it is', () => {
    expect(statusesAfter(new FlapDamper(3, 3), ['down'])).toEqual(['down']);
  });

  it('stays up for failureThreshold - 1 failures and goes down at the threshold', () => {
    expect(statusesAfter(new FlapDamper(3, 1), ['up', 'down', 'down', 'down'])).toEqual([
      'up',
      'up',
      'up',
      'down',
    ]);
  });

  it('stays down for successThreshold - 1 good runs and comes back at the threshold', () => {
    expect(statusesAfter(new FlapDamper(1, 2), ['down', 'up', 'up'])).toEqual([
      'down',
      'down',
      'up',
    ]);
  });

  it('starts counting again when the streak breaks', () => {
    expect(statusesAfter(new FlapDamper(2, 1), ['up', 'down', 'up', 'down', 'down'])).toEqual([
      'up',
      'up',
      'up',
      'up',
      'down',
    ]);
  });

  it('moves between up and degraded at once: both pass', () => {
    expect(statusesAfter(new FlapDamper(3, 3), ['up', 'degraded', 'up'])).toEqual([
      'up',
      'degraded',
      'up',
    ]);
  });

  it('counts the current streak', () => {
    const damper = new FlapDamper(5, 5);
    statusesAfter(damper, ['up', 'down', 'down']);
    expect(damper.streak).toEqual({ failing: true, count: 2 });
  });
});
