import os from 'node:os';
import { versionsOf } from '../../bench/support/package.versions.mjs';

const PACKAGES = [
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/terminus',
  '@nestjs/typeorm',
  'typeorm',
  'pg',
  'nestjs-probes',
];

/** The machine, Node and the packages the replicas run (`meta` in the JSON and docs/fleet.md). */
export function runMeta(command, serverVersion) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    command,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: `${cpus.length} x ${cpus[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    postgres: serverVersion,
    versions: versionsOf(PACKAGES),
  };
}
