#!/usr/bin/env node
import { PROBE_HELP, PROBE_USAGE_ERROR } from './probe.messages';
import { parseProbeArguments } from './probe-arguments.util';
import { requestProbe } from './probe-request.util';
import { resolveProbeTarget } from './probe-target.util';
import { ProbeUsageError } from './probe-usage.error';

/**
 * `nestjs-probes [--timeout <ms>] <url | /path>`: a curl-free probe for a Dockerfile
 * `HEALTHCHECK`. Exits 0 on a 2xx answer, 1 on anything else.
 */
async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const parsed = parseProbeArguments(argv);
    if (parsed.help) {
      process.stdout.write(`${PROBE_HELP}\n`);
      return 0;
    }
    const outcome = await requestProbe(resolveProbeTarget(parsed.target, env), parsed.timeoutMs);
    (outcome.healthy ? process.stdout : process.stderr).write(`${outcome.line}\n`);
    return outcome.healthy ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ProbeUsageError)) throw error;
    process.stderr.write(`${PROBE_USAGE_ERROR(error.message)}\n`);
    return 1;
  }
}

// Exit at once: a half-read body or a pooled socket must not keep the process (and Docker) waiting.
main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`nestjs-probes: ${String(error)}\n`);
    process.exit(1);
  },
);
