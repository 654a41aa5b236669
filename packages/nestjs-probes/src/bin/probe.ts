#!/usr/bin/env node
import {
  GRPC_PROBE_LABEL,
  PROBE_GRPC_CLOSED_WITHOUT_ANSWER,
  PROBE_GRPC_TIMED_OUT,
  PROBE_HELP,
  PROBE_USAGE_ERROR,
} from './probe.messages';
import { parseProbeArguments } from './probe-arguments.util';
import { guardProbeExit } from './probe-exit.util';
import { requestGrpcProbe } from './probe-grpc-request.util';
import { requestProbe } from './probe-request.util';
import { resolveProbeTarget } from './probe-target.util';
import { ProbeUsageError } from './probe-usage.error';

// First of all: from here on, any way the process ends exits 1 unless a 2xx answer was seen.
const exit = guardProbeExit(process);

/**
 * `nestjs-probes [--timeout <ms>] <url | /path>`: a curl-free probe for a Dockerfile
 * `HEALTHCHECK`. Exits 0 on a 2xx answer, 1 on anything else. With `--grpc <host:port>
 * [--service <name>]`, a gRPC health Check instead: exits 0 on SERVING only.
 */
async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    const parsed = parseProbeArguments(argv);
    if (parsed.help) return exit.help(PROBE_HELP);
    if (parsed.grpc !== undefined) {
      const label = GRPC_PROBE_LABEL(parsed.grpc.address, parsed.grpc.service);
      exit.watch(label, parsed.timeoutMs, {
        timedOut: PROBE_GRPC_TIMED_OUT(label, parsed.timeoutMs),
        closed: PROBE_GRPC_CLOSED_WITHOUT_ANSWER(label),
      });
      return exit.settle(await requestGrpcProbe(parsed.grpc, parsed.timeoutMs));
    }
    const target = resolveProbeTarget(parsed.target, env);
    exit.watch(target.url, parsed.timeoutMs);
    exit.settle(await requestProbe(target, parsed.timeoutMs));
  } catch (error) {
    if (!(error instanceof ProbeUsageError)) throw error;
    exit.fail(PROBE_USAGE_ERROR(error.message));
  }
}

main(process.argv.slice(2), process.env).catch(exit.crash);
