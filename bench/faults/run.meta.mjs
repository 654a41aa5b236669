import os from 'node:os';
import { versionsOf } from '../support/package.versions.mjs';
import { redactUrl } from './postgres-url.guards.mjs';
import { ROUTE_SETUPS, SETTINGS } from './settings.config.mjs';

const PACKAGES = [
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/terminus',
  '@nestjs/typeorm',
  'typeorm',
  'pg',
  'ioredis',
  'nestjs-probes',
];

/** The machine, the versions, the settings (password masked) and the routes (`meta` in the JSON). */
export function runMeta() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    versions: versionsOf(PACKAGES),
    settings: {
      ...SETTINGS,
      postgres: { ...SETTINGS.postgres, url: redactUrl(SETTINGS.postgres.url) },
    },
    routes: ROUTE_SETUPS,
  };
}
