import { type CheckResult } from '../results/check-result.interface';
import { ForcedRunLimiter } from './forced-run.limiter';
import { type HealthCheckRunner } from './health-check.runner';

function runner(): HealthCheckRunner & { runs: number } {
  const fake = {
    runs: 0,
    refresh: () => {
      fake.runs++;
      return Promise.resolve({ status: 'up' } as CheckResult);
    },
  };
  return fake as unknown as HealthCheckRunner & { runs: number };
}

describe('ForcedRunLimiter', () => {
  it('forces a check at most once per interval, sharing that run', () => {
    const limiter = new ForcedRunLimiter(1000);
    const check = runner();
    const first = limiter.run(check, 0);
    expect(limiter.run(check, 999)).toBe(first);
    expect(check.runs).toBe(1);
    expect(limiter.run(check, 1000)).not.toBe(first);
    expect(check.runs).toBe(2);
  });

  it('keeps each check to its own interval', () => {
    const limiter = new ForcedRunLimiter(1000);
    const [a, b] = [runner(), runner()];
    limiter.run(a, 0);
    limiter.run(b, 10);
    expect([a.runs, b.runs]).toEqual([1, 1]);
  });
});
