import {
  fullRotationDelay,
  outOfRotationMs,
  percentiles,
  scenarioFigures,
} from './scenario.figures.mjs';

const rotation = (pod, t, inRotation) => ({ t, pod, side: 'ours', type: 'rotation', inRotation });

describe('scenario figures', () => {
  it('sums the time out of rotation inside the window only', () => {
    const changes = [
      { t: 0, inRotation: true },
      { t: 10, inRotation: false },
      { t: 15, inRotation: true },
      { t: 40, inRotation: false },
    ];
    expect(outOfRotationMs(changes, 5, 50)).toBe(5 + 10);
    expect(outOfRotationMs(changes, 12, 20)).toBe(3);
  });

  it('measures recovery to full rotation from the recovery, 0 when no pod had left', () => {
    const events = [
      rotation('a', 0, true),
      rotation('b', 0, true),
      rotation('a', 10, false),
      rotation('b', 12, false),
      rotation('b', 21_000, true),
      rotation('a', 23_000, true),
    ];
    expect(fullRotationDelay(events, ['a', 'b'], 20_000, 60_000)).toBe(3);
    expect(fullRotationDelay(events, ['a', 'b'], 30_000, 60_000)).toBe(0);
    expect(fullRotationDelay(events, ['a', 'b'], 20_000, 22_000)).toBeNull();
  });

  it('counts restarts, kills and failed requests of the window', () => {
    const events = [
      rotation('a', 0, true),
      { t: 1_000, pod: 'a', side: 'ours', type: 'kill', reason: 'liveness probe failed' },
      { t: 1_500, pod: 'a', side: 'ours', type: 'container-exit', killed: true },
      { t: 1_500, pod: 'a', side: 'ours', type: 'container-start', restart: true },
      { t: 9_000, pod: 'a', side: 'ours', type: 'container-start', restart: true }, // after the window
    ];
    const requests = [
      { kind: 'read', sentAt: 100, ok: true },
      { kind: 'read', sentAt: 1_200, ok: false, outcome: 'connection-error' },
    ];
    const f = scenarioFigures({
      side: 'ours',
      pods: ['a'],
      events,
      requests,
      window: { startedAt: 0, endedAt: 5_000, recoveredAt: 2_000 },
    });
    expect(f).toMatchObject({
      restarts: 1,
      killedBy: { 'liveness probe failed': 1 },
      failed: 1,
      requests: 2,
      failedBy: { 'read: connection-error': 1 },
    });
  });

  it('reads p50 and p99 from the served requests', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(values)).toEqual({ p50: 50, p99: 99 });
    expect(percentiles([])).toBeNull();
  });
});
