#!/usr/bin/env node
import { PROBE_HELP, PROBE_USAGE_ERROR } from './probe.messages';
import { parseProbeArguments } from './probe-arguments.util';
import { guardProbeExit } from './probe-exit.util';
import { requestProbe } from './probe-request.util';
import { resolveProbeTarget } from './probe-target.util';
import { ProbeUsageError } from './probe-usage.error';

// First of all: from here on, any way the process ends exits 1 unless a 2xx answer was seen.
const exit = guardProbeExit(process);

/**
 * `nestjs-probes [--timeout <ms>] <url | /path>`: a curl-free probe for a Dockerfile
 * `HEALTHCHECK`. Exits 0 on a 2xx answer, 1 on anything else.
 */
async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    const parsed = parseProbeArguments(argv);
    if (parsed.help) return exit.help(PROBE_HELP);
    const target = resolveProbeTarget(parsed.target, env);
    exit.watch(target.url, parsed.timeoutMs);
    exit.settle(await requestProbe(target, parsed.timeoutMs));
  } catch (error) {
    if (!(error instanceof ProbeUsageError)) throw error;
    exit.fail(PROBE_USAGE_ERROR(error.message));
  }
}

main(process.argv.slice(2), process.env).catch(exit.crash);
