import { pollUntil } from './poll-until';
import { PortInUseError } from './port-in-use.error';
import { type ServerProcess } from './server-process';

/** What to poll a freshly spawned server with, and for how long. */
export interface ServingProbe {
  /** Named in errors: "PostgreSQL", "Redis". */
  name: string;
  port: number;
  /** Resolves true once the server answers; must be bounded in time and never reject. */
  answers: () => Promise<boolean>;
  timeoutMs: number;
  killWithinMs: number;
}

/**
 * Polls until a freshly spawned server answers. When it exits or never answers, kills it and throws
 * with the tail of its log: a `PortInUseError` when another process had taken its port.
 */
export async function waitUntilServing(server: ServerProcess, probe: ServingProbe): Promise<void> {
  const { name, port } = probe;
  try {
    await pollUntil(
      () => {
        if (!server.running) throw new Error(`${name} exited before answering on port ${port}`);
        return probe.answers();
      },
      { what: `${name} to answer on port ${port}`, timeoutMs: probe.timeoutMs, intervalMs: 25 },
    );
  } catch (error) {
    await server.kill(probe.killWithinMs);
    if (server.logSays(/Address already in use/)) throw new PortInUseError(port, server.logTail());
    throw new Error(`${(error as Error).message}\n${server.logTail()}`, { cause: error });
  }
}
