import { describeRedis } from './redis-target.util';

describe('describeRedis', () => {
  it.each([undefined, ''])('says there is no cache when REDIS_URL is %p', (url) => {
    expect(describeRedis(url)).toBe('none (set REDIS_URL to cache reads in Redis)');
  });

  it.each([
    ['redis://cache.internal:6380', 'Redis at cache.internal:6380'],
    ['redis://cache.internal', 'Redis at cache.internal:6379'],
    ['rediss://cache.internal/2', 'Redis at cache.internal:6379'],
    ['redis://[::1]:7000', 'Redis at [::1]:7000'],
  ])('describes %s as host and port', (url, description) => {
    expect(describeRedis(url)).toBe(description);
  });

  it.each([
    'redis://:s3cr3t-pw@cache.internal:6380',
    'redis://alice:s3cr3t-pw@cache.internal:6380/0',
    'rediss://alice:s3cr3t-pw@cache.internal:6380?password=s3cr3t-pw',
  ])('never shows user or password of %s', (url) => {
    const description = describeRedis(url);
    expect(description).toBe('Redis at cache.internal:6380');
    expect(description).not.toMatch(/s3cr3t|alice/);
  });

  it('names an unparsable URL without echoing it', () => {
    const description = describeRedis('redis//:s3cr3t-pw@cache:6379');
    expect(description).toBe('Redis (REDIS_URL is not a valid URL)');
    expect(description).not.toContain('s3cr3t');
  });
});
