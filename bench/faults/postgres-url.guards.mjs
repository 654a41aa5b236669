/** BENCH_PG_URL must name a loopback address: the bench never reaches another machine. */
export function assertLoopbackUrl(url) {
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return;
  throw new Error(`BENCH_PG_URL must point at a loopback address, not ${hostname}`);
}

/** The URL with its password, if any, masked: for the JSON. */
export function redactUrl(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
