// A separate probing process: `node bench/scenarios/prober.child.mjs <port> <path> <rate>`.
// Sends GET <path> at <rate>/s, each over a new connection as the kubelet does (keep-alive off),
// until the parent sends 'stop'; then reports what it sent and what came back.
import http from 'node:http';
import { HOST } from '../support/bench.config.mjs';

const [port, path, rate] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];
const TICK_MS = 10;
const stats = { sent: 0, ok: 0, other: 0, errors: 0, latencies: [] };
let owed = 0;

const timer = setInterval(() => {
  owed += (rate * TICK_MS) / 1000;
  for (; owed >= 1; owed -= 1) probe();
}, TICK_MS);

function probe() {
  const startedAt = performance.now();
  stats.sent += 1;
  const req = http.get({ host: HOST, port, path, agent: false }, (res) => {
    res.resume();
    res.on('end', () => {
      if (res.statusCode === 200) stats.ok += 1;
      else stats.other += 1;
      stats.latencies.push(performance.now() - startedAt);
    });
  });
  req.setTimeout(5_000, () => req.destroy());
  req.on('error', () => (stats.errors += 1));
}

process.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  // Let the last probes come back.
  setTimeout(() => {
    const sorted = stats.latencies.sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? null;
    process.send(
      {
        type: 'stats',
        sent: stats.sent,
        ok: stats.ok,
        other: stats.other,
        errors: stats.errors,
        p99Ms: p99,
      },
      () => process.exit(0),
    );
  }, 300);
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
