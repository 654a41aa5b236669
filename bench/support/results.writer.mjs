import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './bench.config.mjs';
import { log } from './log.output.mjs';

/** Writes `results` as indented JSON to `out` (creating its dir) and says where. */
export function writeResults(out, results) {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`written ${path.relative(ROOT, out)}`);
}
