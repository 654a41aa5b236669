/** Where the cache lives, for the start-up log line: host and port, never the password. */
export function describeRedis(url: string | undefined): string {
  if (!url) return 'none (set REDIS_URL to cache reads in Redis)';
  try {
    const { hostname, port } = new URL(url);
    return `Redis at ${hostname}:${port || 6379}`;
  } catch {
    return 'Redis (REDIS_URL is not a valid URL)';
  }
}
