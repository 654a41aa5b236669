import { HealthConfigurationError } from '../errors';
import { INVALID_CHECK_OPTION, UNKNOWN_CHECK_OPTION } from '../health.messages';
import { EXPECTED, MAX_DURATION_MS } from './option.validators';
import { type CheckSite, resolveCheckDefinition } from './check-options.resolver';
import { type ResolvedHealthOptions } from './resolved-health-options.interface';

const invoke = () => undefined;
const site: CheckSite = { className: 'Cls', methodName: 'm', invoke };
const defaults: ResolvedHealthOptions['defaults'] = {
  critical: true,
  ttl: 5_000,
  timeout: 2_000,
  refresh: 'on-probe',
  failureThreshold: 1,
  successThreshold: 1,
};

const resolve = (raw: unknown, moduleDefaults = defaults) =>
  resolveCheckDefinition(raw, site, moduleDefaults);

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(INVALID_CHECK_OPTION('Cls', 'm', option, expected, actual));

const OVERFLOWING = MAX_DURATION_MS + 1;

describe('resolveCheckDefinition', () => {
  it('fills every option from the module defaults', () => {
    expect(resolve({})).toEqual({
      name: 'Cls.m',
      owner: 'Cls.m',
      critical: true,
      ttl: 5_000,
      timeout: 2_000,
      probes: ['readiness'],
      refresh: 'on-probe',
      staleAfter: 2 * 5_000 + 2_000,
      failureThreshold: 1,
      successThreshold: 1,
      invoke,
    });
  });

  it('takes the module defaults as they are configured', () => {
    const definition = resolve(
      {},
      {
        critical: false,
        ttl: 100,
        timeout: 50,
        refresh: 'background',
        failureThreshold: 3,
        successThreshold: 2,
      },
    );
    expect(definition).toMatchObject({
      critical: false,
      ttl: 100,
      timeout: 50,
      refresh: 'background',
      failureThreshold: 3,
      successThreshold: 2,
    });
  });

  it.each([0, 1.5, -1, 1001, '2'])('rejects failureThreshold and successThreshold %p', (value) => {
    for (const option of ['failureThreshold', 'successThreshold']) {
      expect(() => resolve({ [option]: value })).toThrow(
        invalid(option, EXPECTED.threshold, value),
      );
    }
  });

  it('keeps the options it is given', () => {
    expect(
      resolve({
        name: 'database',
        critical: false,
        ttl: 0,
        timeout: 500,
        probe: ['startup', 'readiness'],
        refresh: 'on-probe',
      }),
    ).toMatchObject({
      name: 'database',
      owner: 'Cls.m',
      critical: false,
      ttl: 0,
      timeout: 500,
      probes: ['startup', 'readiness'],
    });
  });

  it('accepts a single probe kind and removes repeated ones', () => {
    expect(resolve({ probe: 'liveness' }).probes).toEqual(['liveness']);
    expect(resolve({ probe: ['startup', 'startup'] }).probes).toEqual(['startup']);
  });

  it('defaults staleAfter to 2 * ttl + timeout and keeps a given one', () => {
    expect(resolve({ refresh: 'background', ttl: 1_000, timeout: 300 }).staleAfter).toBe(2_300);
    expect(resolve({ refresh: 'background', ttl: 1_000, staleAfter: 1_000 }).staleAfter).toBe(
      1_000,
    );
  });

  it.each<[string, unknown, string, string, unknown]>([
    ['a negative ttl', { ttl: -1 }, 'ttl', EXPECTED.duration, -1],
    ['a NaN ttl', { ttl: NaN }, 'ttl', EXPECTED.duration, NaN],
    ['an infinite ttl', { ttl: Infinity }, 'ttl', EXPECTED.duration, Infinity],
    ['a string ttl', { ttl: '5000' }, 'ttl', EXPECTED.duration, '5000'],
    ['a negative timeout', { timeout: -5 }, 'timeout', EXPECTED.positiveDuration, -5],
    ['a zero timeout', { timeout: 0 }, 'timeout', EXPECTED.positiveDuration, 0],
    ['a NaN timeout', { timeout: NaN }, 'timeout', EXPECTED.positiveDuration, NaN],
    ['an infinite timeout', { timeout: Infinity }, 'timeout', EXPECTED.positiveDuration, Infinity],
    ['a string timeout', { timeout: '2s' }, 'timeout', EXPECTED.positiveDuration, '2s'],
    ['an unknown probe kind', { probe: 'ready' }, 'probe', EXPECTED.probe, 'ready'],
    [
      'an unknown kind in a probe array',
      { probe: ['readiness', 'warmup'] },
      'probe',
      EXPECTED.probe,
      ['readiness', 'warmup'],
    ],
    ['an empty probe array', { probe: [] }, 'probe', EXPECTED.probe, []],
    ['an unknown refresh mode', { refresh: 'sometimes' }, 'refresh', EXPECTED.refresh, 'sometimes'],
    ['an empty name', { name: '' }, 'name', EXPECTED.name, ''],
    ['a blank name', { name: '  ' }, 'name', EXPECTED.name, '  '],
    ['a non-string name', { name: 42 }, 'name', EXPECTED.name, 42],
    ['a non-boolean critical', { critical: 'yes' }, 'critical', EXPECTED.boolean, 'yes'],
    [
      'background refresh with ttl 0',
      { refresh: 'background', ttl: 0 },
      'ttl',
      `> 0 with refresh: 'background' (it is the refresh period)`,
      0,
    ],
    [
      'staleAfter below ttl',
      { refresh: 'background', ttl: 1_000, staleAfter: 999 },
      'staleAfter',
      'a number of milliseconds >= ttl (1000)',
      999,
    ],
    [
      'a negative staleAfter',
      { ttl: 0, staleAfter: -1 },
      'staleAfter',
      'a number of milliseconds >= ttl (0)',
      -1,
    ],
    ['a ttl of 2^31 ms', { ttl: OVERFLOWING }, 'ttl', EXPECTED.duration, OVERFLOWING],
    [
      'a background ttl of 2^31 ms',
      { refresh: 'background', ttl: OVERFLOWING },
      'ttl',
      EXPECTED.duration,
      OVERFLOWING,
    ],
    [
      'a timeout of 2^31 ms',
      { timeout: OVERFLOWING },
      'timeout',
      EXPECTED.positiveDuration,
      OVERFLOWING,
    ],
    ['a timeout of 1e300 ms', { timeout: 1e300 }, 'timeout', EXPECTED.positiveDuration, 1e300],
    [
      'a staleAfter of 2^31 ms',
      { refresh: 'background', ttl: 1_000, staleAfter: OVERFLOWING },
      'staleAfter',
      EXPECTED.duration,
      OVERFLOWING,
    ],
    ['an infinite staleAfter', { staleAfter: Infinity }, 'staleAfter', EXPECTED.duration, Infinity],
    ['non-object options (string)', 'database', '(options)', EXPECTED.object, 'database'],
    ['non-object options (array)', ['database'], '(options)', EXPECTED.object, ['database']],
    ['non-object options (null)', null, '(options)', EXPECTED.object, null],
  ])('rejects %s, naming class, method and option', (_case, raw, option, expected, actual) => {
    expect(() => resolve(raw)).toThrow(invalid(option, expected, actual));
  });

  it('throws a HealthConfigurationError', () => {
    expect(() => resolve({ ttl: -1 })).toThrow(HealthConfigurationError);
  });

  it('rejects an unknown option key', () => {
    expect(() => resolve({ ttl: 10, timout: 100 })).toThrow(
      new HealthConfigurationError(UNKNOWN_CHECK_OPTION('Cls', 'm', 'timout')),
    );
  });

  it('accepts 2^31 - 1 ms, the longest a timer holds, for every duration', () => {
    const longest = { refresh: 'background', ttl: MAX_DURATION_MS, timeout: MAX_DURATION_MS };
    expect(resolve({ ...longest, staleAfter: MAX_DURATION_MS })).toMatchObject({
      ttl: MAX_DURATION_MS,
      timeout: MAX_DURATION_MS,
      staleAfter: MAX_DURATION_MS,
    });
  });

  it('caps the default staleAfter at 2^31 - 1 ms rather than rejecting an option never given', () => {
    const longTtl = { refresh: 'background', ttl: MAX_DURATION_MS - 10, timeout: 1_000 };
    expect(resolve(longTtl).staleAfter).toBe(MAX_DURATION_MS);
  });

  it('rejects a module default of 2^31 ms, naming the option', () => {
    expect(() => resolve({}, { ...defaults, timeout: OVERFLOWING })).toThrow(
      invalid('timeout', EXPECTED.positiveDuration, OVERFLOWING),
    );
  });

  it('rejects an invalid module default the same way, naming the option', () => {
    expect(() => resolve({}, { ...defaults, ttl: -1 })).toThrow(
      invalid('ttl', EXPECTED.duration, -1),
    );
  });
});
