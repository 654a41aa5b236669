import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { HOST } from '../support/bench.config.mjs';
import { log } from '../support/log.output.mjs';
import { round1 } from '../support/number.format.mjs';
import { loadThrowawayServers } from '../support/throwaway-servers.loader.mjs';
import { createRedisApp } from './redis.app.mjs';
import { describeProbe, expectBothUp, probe } from './route.probe.mjs';
import { SETTINGS } from './settings.config.mjs';

const require = createRequire(import.meta.url);

/**
 * Scenario 2: a throwaway redis-server (the tests' `ThrowawayRedis`: free port, temp dir, killed
 * on exit whatever happens) SIGTERMed under the app's ioredis client; then A and B in `order`.
 */
export async function redisStopped(problems) {
  const s = SETTINGS.redis;
  const Redis = require('ioredis');
  const { ThrowawayRedis } = loadThrowawayServers();
  const server = await ThrowawayRedis.start();
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const clientErrors = [];
  let client;
  let app;
  try {
    client = new Redis(server.connectionOptions); // ioredis's defaults otherwise
    client.on('error', (error) => clientErrors.push(error.code ?? error.message));
    if (client.status !== 'ready') {
      await once(client, 'ready', { signal: AbortSignal.timeout(10_000) });
    }
    const started = await createRedisApp(client);
    app = started.app;
    const { port } = started;
    log(
      `\n[redis] ${version.split(' ').slice(0, 3).join(' ')} on port ${server.port}; app on ${HOST}:${port}`,
    );

    const baseline = await expectBothUp(port, 'baseline');

    const stoppedAt = performance.now();
    await server.stop().catch(() => server.kill()); // SIGKILL should it not exit within 10 s
    const stopMs = round1(performance.now() - stoppedAt);
    log(`  redis-server stopped (SIGTERM) in ${stopMs} ms; client status ${client.status}`);

    const during = [];
    const clientStatus = () => ({ clientStatusAfter: client.status });
    for (const route of s.order) {
      const result = await probe(port, route, {
        phase: 'stopped',
        capMs: s.probeCapMs,
        extra: clientStatus,
      });
      result.sinceFaultMs = round1(performance.now() - stoppedAt);
      during.push(result);
      log(`  ${describeProbe(result)}  client ${result.clientStatusAfter}`);
    }
    return {
      server: version,
      clientOptions: s.clientOptions,
      stopMs,
      clientErrors: { count: clientErrors.length, kinds: [...new Set(clientErrors)] },
      probes: [...baseline, ...during],
    };
  } finally {
    // Disconnect first: it rejects what waits in the offline queue, so no request holds app.close().
    client?.disconnect();
    await app?.close();
    await server.destroy();
  }
}
