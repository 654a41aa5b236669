import { createRequire } from 'node:module';
import { once } from 'node:events';
import { decorateClass } from '../support/decorate.helpers.mjs';
import { getWithin } from '../support/http.client.mjs';
import { log } from '../support/log.output.mjs';
import { createApp, listen } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { round1 } from '../support/number.format.mjs';
import { sleep } from '../support/sleep.timing.mjs';
import { loadThrowawayServers } from '../support/throwaway-servers.loader.mjs';

const require = createRequire(import.meta.url);

const REDIS = 'REDIS';
const TTL_MS = 1_000;
const PROBE_EVERY_MS = 100;
const STOPPED_FOR_MS = 5_000;
const CAP_MS = 30_000;

/**
 * A throwaway redis-server of its own, stopped (SIGTERM) under the app's ioredis client (its
 * defaults), then restarted on the same port after 5 s; readiness probed every 100 ms throughout.
 * The check is `IoRedisHealthModule.register({ client, ttl: 1000 })`.
 */
export async function redisRestarted() {
  const { ThrowawayRedis } = loadThrowawayServers();
  const Redis = require('ioredis');
  const { common, core, probes } = await loadNest();
  const { IoRedisHealthModule } = require('nestjs-probes/ioredis');
  const server = await ThrowawayRedis.start();
  const client = new Redis(server.connectionOptions);
  client.on('error', () => {}); // reconnects are the scenario
  let app;
  try {
    if (client.status !== 'ready') await once(client, 'ready');
    const RedisModule = decorateClass(
      class RedisModule {},
      common.Global(),
      common.Module({ providers: [{ provide: REDIS, useValue: client }], exports: [REDIS] }),
    );
    const AppModule = decorateClass(
      class AppModule {},
      common.Module({
        imports: [
          RedisModule,
          probes.HealthModule.forRoot(),
          IoRedisHealthModule.register({ client: REDIS, ttl: TTL_MS }),
        ],
      }),
    );
    app = await createApp(core, AppModule, 'express');
    const port = await listen(app);
    const timeline = [];
    const t0 = performance.now();
    const since = () => round1(performance.now() - t0);
    let last;
    const poll = async () => {
      const at = performance.now();
      const answer = await getWithin(port, '/health/ready', 5_000);
      const latencyMs = round1(performance.now() - at);
      if (answer.status !== last)
        timeline.push({ atMs: round1(at - t0), status: answer.status, latencyMs });
      last = answer.status;
      return answer.status;
    };
    const pollUntil = async (status, capMs) => {
      const start = performance.now();
      while (performance.now() - start < capMs) {
        const at = performance.now();
        if ((await poll()) === status) return round1(at - start);
        await sleep(PROBE_EVERY_MS);
      }
      return null;
    };
    if ((await poll()) !== 200) throw new Error('redis: ready not 200 before the fault');
    const stopAt = since();
    await server.stop().catch(() => server.kill());
    timeline.push({ atMs: since(), event: 'redis-server stopped' });
    const detectMs = await pollUntil(503, CAP_MS);
    const remaining = STOPPED_FOR_MS - (since() - stopAt);
    if (remaining > 0) await pollFor(poll, remaining);
    const restartStarted = since();
    await server.restart();
    const restartedAt = since();
    timeline.push({
      atMs: restartedAt,
      event: `redis-server serving again (restart took ${round1(restartedAt - restartStarted)} ms)`,
    });
    const recoverMs = await pollUntil(200, CAP_MS);
    const result = {
      check: `IoRedisHealthModule.register({ client, ttl: ${TTL_MS} }), ioredis default options`,
      probeEveryMs: PROBE_EVERY_MS,
      stoppedForMs: round1(restartStarted - stopAt),
      detectMs,
      recoverMs,
      timeline,
    };
    log(
      `\n[redis] stopped: 503 after ${detectMs} ms (ttl ${TTL_MS}); restarted: 200 after ${recoverMs} ms; ` +
        `timeline ${timeline.map((e) => `${e.atMs}:${e.status ?? e.event}`).join(', ')}`,
    );
    return result;
  } finally {
    client.disconnect();
    await app?.close();
    await server.destroy();
  }
}

async function pollFor(poll, ms) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await poll();
    await sleep(PROBE_EVERY_MS);
  }
}
