import {
  PROBE_EXTRA_ARGUMENTS,
  PROBE_INVALID_TIMEOUT,
  PROBE_MISSING_TARGET,
  PROBE_MISSING_TIMEOUT,
  PROBE_UNKNOWN_OPTION,
} from './probe.messages';
import { ProbeUsageError } from './probe-usage.error';

/** @internal */
export const DEFAULT_PROBE_TIMEOUT_MS = 2000;

/** @internal */
export const MAX_PROBE_TIMEOUT_MS = 600_000;

/** @internal */
export type ProbeArguments =
  | { readonly help: true }
  | { readonly help: false; readonly target: string; readonly timeoutMs: number };

/**
 * Reads `[--timeout <ms> | --timeout=<ms>] [--help] [--] <url | /path>`. `--help` wins over
 * everything after it. Throws {@link ProbeUsageError} on anything else.
 *
 * @internal
 */
export function parseProbeArguments(argv: readonly string[]): ProbeArguments {
  const targets: string[] = [];
  let timeoutMs = DEFAULT_PROBE_TIMEOUT_MS;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--') {
      targets.push(...argv.slice(index + 1));
      break;
    }
    if (argument === '--help' || argument === '-h') return { help: true };
    if (argument === '--timeout') {
      if (index + 1 >= argv.length) throw new ProbeUsageError(PROBE_MISSING_TIMEOUT);
      timeoutMs = parseTimeout(argv[++index]);
    } else if (argument.startsWith('--timeout=')) {
      timeoutMs = parseTimeout(argument.slice('--timeout='.length));
    } else if (argument.startsWith('-') && argument !== '-') {
      throw new ProbeUsageError(PROBE_UNKNOWN_OPTION(argument.split('=')[0]));
    } else {
      targets.push(argument);
    }
  }
  if (targets.length === 0) throw new ProbeUsageError(PROBE_MISSING_TARGET);
  if (targets.length > 1) throw new ProbeUsageError(PROBE_EXTRA_ARGUMENTS(targets.length));
  return { help: false, target: targets[0], timeoutMs };
}

function parseTimeout(value: string): number {
  const timeoutMs = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(timeoutMs >= 1 && timeoutMs <= MAX_PROBE_TIMEOUT_MS)) {
    throw new ProbeUsageError(PROBE_INVALID_TIMEOUT(value, MAX_PROBE_TIMEOUT_MS));
  }
  return timeoutMs;
}
