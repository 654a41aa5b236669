/**
 * Where the data lives, for the start-up log line: host, port and database of a URL, never its
 * user or password.
 */
export function describeDatabase(url: string | undefined): string {
  if (!url)
    return 'embedded sql.js (in memory; data is lost on exit; set DATABASE_URL for PostgreSQL)';
  try {
    const { hostname, port, pathname } = new URL(url);
    return `PostgreSQL at ${hostname}:${port || 5432}${pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}
