import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

// Debian installs nats-server and mosquitto in /usr/sbin, which a non-root user's PATH may lack.
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin'];

/** The path of server program `name` (`nats-server`, `mosquitto`): on PATH or in an sbin dir. */
export function findServerProgram(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  const found = dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) throw new Error(`No ${name} found: run .ci/install-servers first.`);
  return found;
}
