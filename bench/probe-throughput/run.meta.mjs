import os from 'node:os';
import { HOST } from '../support/bench.config.mjs';
import { versionsOf } from '../support/package.versions.mjs';
import { SCENARIOS, TERMINUS_CONFIG, scenarioNames } from './scenarios.config.mjs';
import { SETTINGS, SUITES } from './settings.config.mjs';

const PACKAGES = [
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/platform-fastify',
  '@nestjs/terminus',
  'autocannon',
  'nestjs-probes',
  'typeorm',
  'pg',
  'ioredis',
];

/** The machine, the versions and the settings of this run (`meta` in the JSON). */
export function runMeta() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    versions: versionsOf(PACKAGES),
    settings: { ...SETTINGS, suites: [...SUITES], scenarios: scenarioNames, host: HOST },
    scenarios: Object.fromEntries(scenarioNames.map((n) => [n, SCENARIOS[n]])),
    terminusConfig: TERMINUS_CONFIG,
  };
}
