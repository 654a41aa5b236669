import { type INestApplication } from '@nestjs/common';
import { pollUntil } from '@internal/test-servers';
import { CHECK_OVERRAN } from '../../src/health.messages';
import { AppModule } from '../src/app.module';
import { HealthyHealth } from '../src/healthy.health';
import {
  BackgroundHostileHealth,
  HOSTILE_CHECK_NAMES,
  HOSTILE_TIMEOUT_MS,
  HOSTILE_TTL_MS,
  OnProbeHostileHealth,
} from '../src/hostile.health';
import { ADAPTERS, bootstrap, hostProcess, probe, sleep } from '../src/test-app.util';

type Hostile = { hostile: boolean };

/** Fails the test when a check's failure escapes as an uncaught exception or unhandled rejection. */
function failOnEscapes() {
  const escaped = jest.fn();
  beforeEach(() => {
    escaped.mockClear();
    hostProcess().on('unhandledRejection', escaped);
    hostProcess().on('uncaughtException', escaped);
  });
  afterEach(() => {
    hostProcess().off('unhandledRejection', escaped);
    hostProcess().off('uncaughtException', escaped);
    expect(escaped).not.toHaveBeenCalled();
  });
}

describe.each(ADAPTERS)('checks that fail in ways hard to describe (%s)', (adapter) => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  failOnEscapes();

  describe('on probe', () => {
    beforeEach(async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerChecks([HealthyHealth, OnProbeHostileHealth]),
      );
    });

    it('answers ready 503, never 500, and each check is down with a description', async () => {
      expect((await probe(app!, '/health/ready')).status).toBe(503);
      const details = await probe(app!, '/health/details', 'admin');
      expect(details.status).toBe(503);
      for (const name of HOSTILE_CHECK_NAMES) {
        expect(details.body.checks[name]).toMatchObject({
          status: 'down',
          error: expect.any(String),
        });
      }
      expect(details.body.checks['HealthyHealth.ping'].status).toBe('up');
    });

    it('judges a check that blocked the event loop past its timeout by its duration', async () => {
      const { body } = await probe(app!, '/health/details', 'admin');
      const check = body.checks['blocks-event-loop'];
      expect(check.durationMs).toBeGreaterThan(HOSTILE_TIMEOUT_MS);
      expect(check.error).toBe(CHECK_OVERRAN(check.durationMs, HOSTILE_TIMEOUT_MS));
    });

    it('recovers on the next run once the checks behave, many times over', async () => {
      const checks = app!.get<Hostile>(OnProbeHostileHealth);
      for (let round = 0; round < 3; round++) {
        checks.hostile = true;
        expect((await probe(app!, '/health/ready')).status).toBe(503);
        checks.hostile = false;
        const ready = await probe(app!, '/health/ready');
        expect(ready.status).toBe(200);
        expect(ready.text).toBe('{"status":"up"}');
      }
      const { body } = await probe(app!, '/health/details', 'admin');
      for (const name of HOSTILE_CHECK_NAMES) expect(body.checks[name].status).toBe('up');
    });

    it('keeps serving after abort listeners threw at the timeout', async () => {
      await probe(app!, '/health/ready');
      await sleep(HOSTILE_TIMEOUT_MS * 2);
      expect((await probe(app!, '/health/live')).text).toBe('{"status":"up"}');
    });
  });

  describe('in the background', () => {
    it('keeps the process and the scheduler alive, and recovers', async () => {
      app = await bootstrap(
        adapter,
        AppModule.registerChecks([HealthyHealth, BackgroundHostileHealth]),
      );
      await sleep(HOSTILE_TTL_MS * 8);
      const hostile = await probe(app, '/health/details', 'admin');
      for (const name of HOSTILE_CHECK_NAMES) expect(hostile.body.checks[name].status).toBe('down');

      app.get<Hostile>(BackgroundHostileHealth).hostile = false;
      // Every 50 ms, a run bounded by 50 ms: on starved CI cores one may overrun, the next one not.
      await pollUntil(
        async () => {
          const { body } = await probe(app!, '/health/details', 'admin');
          return HOSTILE_CHECK_NAMES.every((name) => body.checks[name].status === 'up');
        },
        { what: 'every background check up again', timeoutMs: 5_000, intervalMs: HOSTILE_TTL_MS },
      );
      expect((await probe(app, '/health/ready')).text).toBe('{"status":"up"}');
    });
  });
});
