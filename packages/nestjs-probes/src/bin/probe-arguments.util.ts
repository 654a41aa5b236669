import {
  PROBE_EXTRA_ARGUMENTS,
  PROBE_GRPC_WITH_TARGET,
  PROBE_INVALID_GRPC_ADDRESS,
  PROBE_MISSING_OPTION_VALUE,
  PROBE_SERVICE_WITHOUT_GRPC,
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

/** @internal A gRPC health `Check` of `service` at `address` (`host:port`). */
export interface GrpcProbeTarget {
  readonly address: string;
  readonly service: string;
}

/** @internal */
export type ProbeArguments =
  | { readonly help: true }
  | {
      readonly help: false;
      /** The URL or /path; with `grpc`, its address. */
      readonly target: string;
      readonly timeoutMs: number;
      /** Set by `--grpc`: a gRPC health Check instead of a GET. */
      readonly grpc?: GrpcProbeTarget;
    };

/**
 * Reads `[--timeout <ms>] [--help] [--] <url | /path>`, or `[--timeout <ms>] --grpc <host:port>
 * [--service <name>]` (each option also as `--option=value`). `--help` wins over everything after
 * it. Throws {@link ProbeUsageError} on anything else.
 *
 * @internal
 */
export function parseProbeArguments(argv: readonly string[]): ProbeArguments {
  const targets: string[] = [];
  let timeoutMs = DEFAULT_PROBE_TIMEOUT_MS;
  let address: string | undefined;
  let service: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--') {
      targets.push(...argv.slice(index + 1));
      break;
    }
    if (argument === '--help' || argument === '-h') return { help: true };
    const [option, inline] = splitOption(argument);
    const value = (): string => {
      if (inline !== undefined) return inline;
      if (index + 1 >= argv.length) {
        throw new ProbeUsageError(
          option === '--timeout' ? PROBE_MISSING_TIMEOUT : PROBE_MISSING_OPTION_VALUE(option),
        );
      }
      return argv[++index];
    };
    if (option === '--timeout') timeoutMs = parseTimeout(value());
    else if (option === '--grpc') address = parseGrpcAddress(value());
    else if (option === '--service') service = value();
    else if (argument.startsWith('-') && argument !== '-') {
      throw new ProbeUsageError(PROBE_UNKNOWN_OPTION(option));
    } else targets.push(argument);
  }
  if (address !== undefined) {
    if (targets.length > 0) throw new ProbeUsageError(PROBE_GRPC_WITH_TARGET);
    return { help: false, target: address, grpc: { address, service: service ?? '' }, timeoutMs };
  }
  if (service !== undefined) throw new ProbeUsageError(PROBE_SERVICE_WITHOUT_GRPC);
  if (targets.length === 0) throw new ProbeUsageError(PROBE_MISSING_TARGET);
  if (targets.length > 1) throw new ProbeUsageError(PROBE_EXTRA_ARGUMENTS(targets.length));
  return { help: false, target: targets[0], timeoutMs };
}

/** `--name=value` → [`--name`, `value`]; anything else → [argument, undefined]. */
function splitOption(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  if (!argument.startsWith('--') || equals < 0) return [argument, undefined];
  return [argument.slice(0, equals), argument.slice(equals + 1)];
}

/**
 * `host:port`, `[ipv6]:port`, or a grpc-js target (`dns:`, `unix:`). Never echoed back: a target
 * carrying `user:password@` is refused, as the command prints the address it probes.
 */
function parseGrpcAddress(value: string): string {
  if (value === '' || /[\s@]/.test(value)) throw new ProbeUsageError(PROBE_INVALID_GRPC_ADDRESS);
  return value;
}

function parseTimeout(value: string): number {
  const timeoutMs = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(timeoutMs >= 1 && timeoutMs <= MAX_PROBE_TIMEOUT_MS)) {
    throw new ProbeUsageError(PROBE_INVALID_TIMEOUT(value, MAX_PROBE_TIMEOUT_MS));
  }
  return timeoutMs;
}
