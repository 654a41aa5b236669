import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built command, as Docker runs it: `npm test` builds first (pretest). */
export const PROBE = join(__dirname, '..', '..', 'dist', 'bin', 'probe.js');

const KILL_AFTER_MS = 10_000;

export interface ProbeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/** Runs the probe command with `args`, without the test's own `PORT`, plus `env`. */
export function runProbe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
): Promise<ProbeRun> {
  const { PORT: _ignored, ...inherited } = process.env;
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, PROBE, ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  // A hung command fails its test (code null, elapsed past every bound) instead of outliving it.
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - startedAt });
    });
  });
}
