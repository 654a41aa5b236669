import { createRequire } from 'node:module';
import { SETTINGS } from './settings.config.mjs';

const require = createRequire(import.meta.url);

/** autocannon against `url` for `seconds`, with BENCH_CONNECTIONS connections, no pipelining. */
export function cannon(url, seconds) {
  const autocannon = require('autocannon');
  return autocannon({
    url,
    connections: SETTINGS.connections,
    pipelining: SETTINGS.pipelining,
    duration: seconds,
  });
}
