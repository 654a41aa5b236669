import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { env, ROOT } from '../support/bench.config.mjs';
import { log } from '../support/log.output.mjs';
import { round1 } from '../support/number.format.mjs';
import { median } from '../probe-throughput/rounds.summary.mjs';

const CHILD = fileURLToPath(new URL('./discovery.child.mjs', import.meta.url));
const REPEATS = 3;

/** BENCH_DISCOVERY: `checks:providers` pairs. */
const CONFIGS = env('BENCH_DISCOVERY', '1000:200,10000:2000')
  .split(',')
  .map((pair) => pair.split(':').map(Number))
  .map(([checks, providers]) => ({ checks, providers }));

/**
 * `app.init()` (the explorer's discovery runs in onModuleInit) with N checks on P providers,
 * against the same P providers with the same methods undecorated; each measurement in a fresh
 * process, alternating with and without, 3 of each.
 */
export async function discovery() {
  const results = [];
  log(
    '\n[discovery] app.init() with checks against the same providers without (fresh process each, 3 of each)',
  );
  for (const { checks, providers } of CONFIGS) {
    const runs = { with: [], none: [] };
    for (let i = 0; i < REPEATS; i++) {
      for (const variant of ['none', 'with']) {
        runs[variant].push(measureOnce(providers, checks, variant === 'with'));
      }
    }
    const med = (variant, key) => round1(median(runs[variant].map((r) => r[key])));
    const r = {
      checks,
      providers,
      initMsWith: med('with', 'initMs'),
      initMsNone: med('none', 'initMs'),
      createMsWith: med('with', 'createMs'),
      createMsNone: med('none', 'createMs'),
      runs,
    };
    r.initAddedMs = round1(r.initMsWith - r.initMsNone);
    r.totalAddedMs = round1(r.initMsWith + r.createMsWith - r.initMsNone - r.createMsNone);
    results.push(r);
    log(
      `  ${checks} checks on ${providers} providers: init ${r.initMsWith} ms against ${r.initMsNone} ms (+${r.initAddedMs}); ` +
        `create+init +${r.totalAddedMs} ms`,
    );
  }
  return results;
}

function measureOnce(providers, checks, decorated) {
  const out = execFileSync(
    process.execPath,
    [CHILD, String(providers), String(checks), decorated ? '1' : '0'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  return JSON.parse(out);
}
