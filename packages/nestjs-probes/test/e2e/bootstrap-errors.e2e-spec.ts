import { Logger, type Provider } from '@nestjs/common';
import { HealthConfigurationError, HealthModule, type HealthModuleOptions } from 'nestjs-probes';
import { IoRedisHealthModule } from 'nestjs-probes/ioredis';
import { EventLoopHealthModule } from 'nestjs-probes/system';
import {
  PATH_GIVEN_TWICE,
  DUPLICATE_HEALTH_CHECK,
  INVALID_CHECK_OPTION,
  INVALID_MODULE_OPTION,
  NON_STATIC_PROVIDER,
  TIMEOUT_EXCEEDS_PROBE_TIMEOUT,
  UNKNOWN_CHECK_OPTION,
} from '../../src/health.messages';
import { EXPECTED } from '../../src/options/option.validators';
import { INVALID_READY_MADE_OPTION } from '../../src/ready-made/ready-made.messages';
import { AppModule } from '../src/app.module';
import {
  FAKE_REDIS,
  FakeRedisModule,
  LongestDurationsHealth,
  OverflowingBackgroundTtlHealth,
  OverflowingStaleAfterHealth,
  OverflowingTimeoutHealth,
  OverflowingTtlHealth,
  OVERFLOWING_MS,
} from '../src/duration-overflow.health';
import { HealthyHealth } from '../src/healthy.health';
import {
  DatabaseHealth,
  LongTimeoutBackgroundHealth,
  LongTimeoutHealth,
  NaNTtlHealth,
  NegativeTimeoutHealth,
  NegativeTtlHealth,
  OtherDatabaseHealth,
  TextTimeoutHealth,
  UnknownOptionHealth,
  UnknownProbeHealth,
} from '../src/misconfigured.health';
import { ImplicitlyRequestScopedHealth, RequestScopedHealth } from '../src/request-scoped.health';
import { TransientHealth } from '../src/transient.health';
import { bootstrap, expectConfigurationError } from '../src/test-app.util';

const withChecks = (
  providers: Provider[],
  options?: HealthModuleOptions,
  imports?: Parameters<typeof AppModule.registerChecks>[2],
) => AppModule.registerChecks(providers, options, imports);

describe('bootstrap errors', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('duplicate names', () => {
    it('rejects two checks given the same name', async () => {
      await expectConfigurationError(
        withChecks([DatabaseHealth, OtherDatabaseHealth]),
        DUPLICATE_HEALTH_CHECK('database', 'DatabaseHealth.ping', 'OtherDatabaseHealth.query'),
      );
    });

    it('rejects one class provided under two tokens (two instances, one default name)', async () => {
      await expectConfigurationError(
        withChecks([HealthyHealth, { provide: 'HEALTHY_COPY', useClass: HealthyHealth }]),
        DUPLICATE_HEALTH_CHECK('HealthyHealth.ping', 'HealthyHealth.ping', 'HealthyHealth.ping'),
      );
    });
  });

  describe('scope', () => {
    it.each([
      ['request-scoped', RequestScopedHealth],
      ['implicitly request-scoped (injects REQUEST)', ImplicitlyRequestScopedHealth],
      ['transient', TransientHealth],
    ])('rejects @HealthCheck on a %s provider', async (_kind, provider) => {
      await expectConfigurationError(
        withChecks([HealthyHealth, provider]),
        NON_STATIC_PROVIDER(provider.name, 'ping'),
      );
    });
  });

  describe('check options', () => {
    it.each([
      [NegativeTtlHealth, 'ttl', EXPECTED.duration, -1],
      [NaNTtlHealth, 'ttl', EXPECTED.duration, Number.NaN],
      [NegativeTimeoutHealth, 'timeout', EXPECTED.positiveDuration, -100],
      [TextTimeoutHealth, 'timeout', EXPECTED.positiveDuration, '100'],
      [UnknownProbeHealth, 'probe', EXPECTED.probe, 'readyness'],
    ])('rejects %p: option %s', async (provider, option, expected, actual) => {
      await expectConfigurationError(
        withChecks([provider]),
        INVALID_CHECK_OPTION(provider.name, 'ping', option, expected, actual),
      );
    });

    it('rejects an unknown option', async () => {
      await expectConfigurationError(
        withChecks([UnknownOptionHealth]),
        UNKNOWN_CHECK_OPTION('UnknownOptionHealth', 'ping', 'ttL'),
      );
    });
  });

  describe('module options', () => {
    it.each([
      ['defaults.ttl', { defaults: { ttl: -5 } }, EXPECTED.duration, -5],
      ['defaults.timeout', { defaults: { timeout: 0 } }, EXPECTED.positiveDuration, 0],
      ['details.roles', { details: { roles: [] } }, EXPECTED.roles, []],
      ['probeTimeout', { probeTimeout: Number.NaN }, EXPECTED.positiveDuration, Number.NaN],
      ['shutdown.drainDelay', { shutdown: { drainDelay: '5s' } }, EXPECTED.duration, '5s'],
    ])('rejects forRoot with an invalid %s', async (option, options, expected, actual) => {
      await expectConfigurationError(
        withChecks([HealthyHealth], options as HealthModuleOptions),
        INVALID_MODULE_OPTION(option, expected, actual),
      );
    });

    it('rejects invalid options returned by an async factory', async () => {
      await expectConfigurationError(
        AppModule.registerAsync({
          useFactory: () => ({ defaults: { ttl: -5 } }),
        }),
        INVALID_MODULE_OPTION('defaults.ttl', EXPECTED.duration, -5),
      );
    });

    it('rejects a path that is not URL path segments, when forRoot is called', () => {
      expect(() => HealthModule.forRoot({ path: 'health checks' })).toThrow(
        new HealthConfigurationError(INVALID_MODULE_OPTION('path', EXPECTED.path, 'health checks')),
      );
    });

    it('rejects a path returned by an async factory that differs from the one next to it', async () => {
      await expectConfigurationError(
        AppModule.registerAsync({ path: 'health', useFactory: () => ({ path: 'probes' }) }),
        PATH_GIVEN_TWICE('health', 'probes'),
      );
    });

    it('rejects a bad path returned by an async factory, naming the option', async () => {
      await expectConfigurationError(
        AppModule.registerAsync({ useFactory: () => ({ path: 'health checks' }) }),
        INVALID_MODULE_OPTION('path', EXPECTED.path, 'health checks'),
      );
    });

    it.each([
      [{ adminRateLimit: 5 }, 'adminRateLimit', EXPECTED.rateLimit, 5],
      [{ adminRateLimit: { perSecond: 0 } }, 'adminRateLimit.perSecond', EXPECTED.rate, 0],
      [{ adminRateLimit: { burst: Infinity } }, 'adminRateLimit.burst', EXPECTED.rate, Infinity],
      [{ followGlobalPrefix: 'yes' }, 'followGlobalPrefix', EXPECTED.boolean, 'yes'],
    ])('rejects %p naming option %s', async (options, option, expected, actual) => {
      await expectConfigurationError(
        AppModule.registerAsync({ useFactory: () => options as HealthModuleOptions }),
        INVALID_MODULE_OPTION(option, expected, actual),
      );
    });
  });

  describe('durations a timer cannot hold (2^31 ms and more)', () => {
    it.each([
      [OverflowingTtlHealth, 'ttl', EXPECTED.duration],
      [OverflowingBackgroundTtlHealth, 'ttl', EXPECTED.duration],
      [OverflowingTimeoutHealth, 'timeout', EXPECTED.positiveDuration],
      [OverflowingStaleAfterHealth, 'staleAfter', EXPECTED.duration],
    ])('rejects %p: option %s', async (provider, option, expected) => {
      await expectConfigurationError(
        withChecks([provider]),
        INVALID_CHECK_OPTION(provider.name, 'ping', option, expected, OVERFLOWING_MS),
      );
    });

    it.each([
      ['defaults.ttl', { defaults: { ttl: OVERFLOWING_MS } }, EXPECTED.duration],
      ['defaults.timeout', { defaults: { timeout: OVERFLOWING_MS } }, EXPECTED.positiveDuration],
      ['probeTimeout', { probeTimeout: OVERFLOWING_MS }, EXPECTED.positiveDuration],
      ['shutdown.drainDelay', { shutdown: { drainDelay: OVERFLOWING_MS } }, EXPECTED.duration],
    ])('rejects forRoot with such a %s', async (option, options, expected) => {
      await expectConfigurationError(
        withChecks([HealthyHealth], options),
        INVALID_MODULE_OPTION(option, expected, OVERFLOWING_MS),
      );
    });

    it('rejects the timeout of a ready-made check, naming its class and method', async () => {
      await expectConfigurationError(
        withChecks([], {}, [EventLoopHealthModule.register({ timeout: OVERFLOWING_MS })]),
        INVALID_CHECK_OPTION(
          'EventLoopHealthCheck',
          'check',
          'timeout',
          EXPECTED.positiveDuration,
          OVERFLOWING_MS,
        ),
      );
    });

    it("rejects a ready-made check's own milliseconds, naming module, class and option", async () => {
      const redis = IoRedisHealthModule.register({
        client: FAKE_REDIS,
        degradedAboveMs: OVERFLOWING_MS,
        imports: [FakeRedisModule],
      });
      await expectConfigurationError(
        withChecks([], {}, [redis]),
        INVALID_READY_MADE_OPTION(
          'IoRedisHealthModule',
          'IoRedisHealthCheck',
          'degradedAboveMs',
          EXPECTED.positiveDuration,
          OVERFLOWING_MS,
        ),
      );
    });

    it('accepts one millisecond less', async () => {
      const longest = OVERFLOWING_MS - 1;
      const app = await bootstrap(
        'express',
        withChecks([LongestDurationsHealth], {
          defaults: { ttl: longest, timeout: longest },
          probeTimeout: longest,
        }),
      );
      await app.close();
    });
  });

  describe('timeout longer than the probe timeout', () => {
    let warn: jest.SpyInstance;

    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });

    it('warns once at bootstrap, naming the check and both timeouts', async () => {
      const app = await bootstrap('express', withChecks([LongTimeoutHealth, HealthyHealth]));
      await app.close();
      const expected = TIMEOUT_EXCEEDS_PROBE_TIMEOUT('LongTimeoutHealth.ping', 5000, 3000);
      expect(warn.mock.calls.filter(([message]) => message === expected)).toHaveLength(1);
      expect(
        warn.mock.calls.filter(([message]) => String(message).includes('HealthyHealth')),
      ).toEqual([]);
    });

    it('measures against probeTimeout when it is set', async () => {
      const app = await bootstrap(
        'express',
        withChecks([LongTimeoutHealth], { probeTimeout: 6000 }),
      );
      await app.close();
      expect(
        warn.mock.calls.filter(([message]) => String(message).includes('LongTimeoutHealth')),
      ).toEqual([]);
    });

    it('measures the default timeout (2000 ms) and defaults.timeout against probeTimeout', async () => {
      const expected = TIMEOUT_EXCEEDS_PROBE_TIMEOUT('PlainHealth.ping', 2000, 1500);
      let app = await bootstrap('express', AppModule.registerPlain({ probeTimeout: 1500 }));
      await app.close();
      expect(warn.mock.calls.filter(([message]) => message === expected)).toHaveLength(1);

      warn.mockClear();
      app = await bootstrap(
        'express',
        AppModule.registerPlain({
          probeTimeout: 1500,
          defaults: { timeout: 1000 },
        }),
      );
      await app.close();
      expect(
        warn.mock.calls.filter(([message]) => String(message).includes('PlainHealth')),
      ).toEqual([]);
    });

    it('does not warn for a background check, which no probe waits on', async () => {
      const app = await bootstrap('express', withChecks([LongTimeoutBackgroundHealth]));
      await app.close();
      expect(
        warn.mock.calls.filter(([message]) =>
          String(message).includes('LongTimeoutBackgroundHealth'),
        ),
      ).toEqual([]);
    });
  });
});
