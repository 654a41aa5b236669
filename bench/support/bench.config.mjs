import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: results paths are resolved and printed relative to it. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every bench listens and connects on loopback only. */
export const HOST = '127.0.0.1';

/** An environment knob, or its default. */
export const env = (name, fallback) => process.env[name] ?? fallback;

/** Where a bench writes its JSON: `BENCH_OUT`, or `fallback`, relative to the repository root. */
export const resultsPath = (fallback) => path.resolve(ROOT, env('BENCH_OUT', fallback));
