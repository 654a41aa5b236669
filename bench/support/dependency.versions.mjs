import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The versions of the throwaway PostgreSQL and Redis servers. */
export async function dependencyVersions(deps) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: deps.pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW server_version');
    const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '';
    return {
      postgres: `PostgreSQL ${rows[0].server_version.split(' ')[0]}`,
      redis: `Redis ${/v=(\S+)/.exec(redis)?.[1] ?? 'unknown'}`,
    };
  } finally {
    await client.end();
  }
}
