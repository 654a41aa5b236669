import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** The final stage's `HEALTHCHECK ... CMD [...]`, and the `WORKDIR` it runs in. */
export interface DockerHealthcheck {
  workdir: string;
  options: Record<string, string>;
  command: string[];
}

const HEALTHCHECK = /^HEALTHCHECK\s+((?:--[a-z-]+=\S+\s+)*)CMD\s+(\[.*\])$/i;

/** Reads the healthcheck of a Dockerfile's last stage; throws unless it is in exec (JSON) form. */
export function readHealthcheck(path: string): DockerHealthcheck {
  let workdir = '/';
  let healthcheck: DockerHealthcheck | undefined;
  for (const instruction of instructionsOf(readFileSync(path, 'utf8'))) {
    const [keyword, argument = ''] = instruction.split(/\s+(.*)/s);
    if (/^FROM$/i.test(keyword)) [workdir, healthcheck] = ['/', undefined];
    if (/^WORKDIR$/i.test(keyword)) workdir = posix.resolve(workdir, argument);
    if (!/^HEALTHCHECK$/i.test(keyword)) continue;
    const match = HEALTHCHECK.exec(instruction);
    if (!match)
      throw new Error(`${path}: expected HEALTHCHECK [--x=y ...] CMD ["..."], got ${instruction}`);
    const options = match[1].trim().split(/\s+/).filter(Boolean).map(optionOf);
    healthcheck = { workdir, options: Object.fromEntries(options), command: JSON.parse(match[2]) };
  }
  if (!healthcheck) throw new Error(`${path}: the last stage has no HEALTHCHECK`);
  return healthcheck;
}

/** Instructions with their `\` continuations joined and comment lines dropped, as Docker reads them. */
function instructionsOf(text: string): string[] {
  const instructions: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    instructions.push(`${pending}${line}`.trim());
    pending = '';
  }
  return instructions;
}

function optionOf(option: string): [string, string] {
  const [name, value] = option.replace(/^--/, '').split(/=(.*)/s);
  return [name, value];
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 1e-3 };

/** A Docker duration (`3s`, `1m30s`, `500ms`) in milliseconds. */
export function durationMs(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.map((part) => part[0]).join('') !== text || parts.length === 0) {
    throw new Error(`not a Docker duration: ${JSON.stringify(text)}`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit], 0);
}
