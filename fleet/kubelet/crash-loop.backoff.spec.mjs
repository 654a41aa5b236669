import { CrashLoopBackoff } from './crash-loop.backoff.mjs';

describe('CrashLoopBackoff', () => {
  const backoff = () => new CrashLoopBackoff({ initialMs: 10_000, maxMs: 300_000 });

  it('restarts at once the first time, then waits 10 s, 20 s, 40 s ... from each exit', () => {
    const b = backoff();
    expect(b.delayBeforeRestart(0, 0)).toBe(0);
    expect(b.delayBeforeRestart(1_000, 1_000)).toBe(10_000);
    expect(b.delayBeforeRestart(1_000, 11_000)).toBe(0);
    expect(b.delayBeforeRestart(12_000, 12_000)).toBe(20_000);
    expect(b.delayBeforeRestart(12_000, 20_000)).toBe(12_000);
    expect(b.delayBeforeRestart(12_000, 32_000)).toBe(0);
    expect(b.delayBeforeRestart(33_000, 33_000)).toBe(40_000);
  });

  it('caps the wait at the maximum', () => {
    const b = backoff();
    const waits = [];
    let exitedAt = 0;
    for (let i = 0; i < 8; i++) {
      const wait = b.delayBeforeRestart(exitedAt, exitedAt);
      waits.push(wait);
      // Restarted once the wait is over (a zero wait restarted at once).
      if (wait > 0) expect(b.delayBeforeRestart(exitedAt, exitedAt + wait)).toBe(0);
      exitedAt += wait + 1; // and it crashed again at once
    }
    expect(waits).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('forgets a container that ran longer than twice the maximum', () => {
    const b = backoff();
    b.delayBeforeRestart(0, 0);
    expect(b.delayBeforeRestart(600_001, 600_001)).toBe(0);
    expect(b.entry.backoffMs).toBe(10_000);
  });
});
