import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';
import { AdminRateLimiter } from './admin-rate.limiter';

const limiter = (adminRateLimit: ResolvedHealthOptions['adminRateLimit']) =>
  new AdminRateLimiter({ adminRateLimit } as ResolvedHealthOptions);

describe('AdminRateLimiter', () => {
  it('lets a burst through at once, then refuses with the seconds until a token', () => {
    const bucket = limiter({ perSecond: 2, burst: 3 });
    const now = performance.now();
    expect([0, 1, 2].map(() => bucket.take(now))).toEqual([0, 0, 0]);
    expect(bucket.take(now)).toBe(1);
  });

  it('refills at the sustained rate', () => {
    const bucket = limiter({ perSecond: 2, burst: 1 });
    const now = performance.now();
    expect(bucket.take(now)).toBe(0);
    expect(bucket.take(now + 100)).toBe(1);
    expect(bucket.take(now + 600)).toBe(0);
    expect(bucket.take(now + 700)).toBe(1);
  });

  it('never holds more than the burst', () => {
    const bucket = limiter({ perSecond: 100, burst: 2 });
    const later = performance.now() + 60_000;
    expect([0, 1, 2].map(() => bucket.take(later))).toEqual([0, 0, 1]);
  });

  it('lets everything through when turned off', () => {
    const bucket = limiter(false);
    for (let i = 0; i < 1000; i++) expect(bucket.take()).toBe(0);
  });
});
