import { HealthConfigurationError } from '../errors';
import { thrownBy } from '../metrics/metrics.testing';
import { EXPECTED } from '../options/option.validators';
import { MAX_INSTRUMENT_NAME_LENGTH, MAX_PREFIX_LENGTH } from './opentelemetry-health.constants';
import {
  OPENTELEMETRY_EXPECTED,
  OPENTELEMETRY_OPTION_KEYS,
  resolveOpenTelemetryOptions,
} from './opentelemetry-health.validation';
import {
  INVALID_OPENTELEMETRY_OPTION,
  UNKNOWN_OPENTELEMETRY_OPTION,
} from './opentelemetry.messages';

const resolve = (given: unknown) => resolveOpenTelemetryOptions(given, 'register');

const errorOf = (given: unknown) => thrownBy(() => resolve(given));

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(INVALID_OPENTELEMETRY_OPTION('register', option, expected, actual));

describe('resolveOpenTelemetryOptions', () => {
  it('defaults to the nestjs-probes meter and no prefix', () => {
    expect(resolve(undefined)).toEqual({ meterName: 'nestjs-probes', prefix: '' });
    expect(resolve(null)).toEqual({ meterName: 'nestjs-probes', prefix: '' });
    expect(resolve({})).toEqual({ meterName: 'nestjs-probes', prefix: '' });
  });

  it.each(['orders.', 'orders_api.', 'acme/orders-', 'x', 'a'.repeat(MAX_PREFIX_LENGTH)])(
    'takes the prefix %p',
    (prefix) => {
      expect(resolve({ prefix })).toEqual({ meterName: 'nestjs-probes', prefix });
    },
  );

  it('takes a meter name, any non-empty string', () => {
    expect(resolve({ meterName: '@acme/orders api', prefix: 'orders.' })).toEqual({
      meterName: '@acme/orders api',
      prefix: 'orders.',
    });
  });

  it('keeps every instrument name within the 255 characters OpenTelemetry allows', () => {
    expect(MAX_INSTRUMENT_NAME_LENGTH).toBe(255);
    expect(MAX_PREFIX_LENGTH + 'health.check.duration'.length).toBe(255);
  });

  it('fails on options that are not an object', () => {
    expect(errorOf('x')).toEqual(invalid('(options)', EXPECTED.object, 'x'));
    expect(errorOf([])).toEqual(invalid('(options)', EXPECTED.object, []));
  });

  it('fails on an unknown option, listing the known ones', () => {
    expect(errorOf({ meter: 'orders' })).toEqual(
      new HealthConfigurationError(
        UNKNOWN_OPENTELEMETRY_OPTION('register', 'meter', OPENTELEMETRY_OPTION_KEYS),
      ),
    );
    expect(OPENTELEMETRY_OPTION_KEYS).toEqual(['meterName', 'prefix']);
  });

  it.each([null, '', '  ', 1, {}])('fails on meterName %p', (meterName) => {
    expect(errorOf({ meterName })).toEqual(
      invalid('meterName', OPENTELEMETRY_EXPECTED.meterName, meterName),
    );
  });

  it.each([null, 1, '1orders.', '.orders', 'my app.', 'orders:', 'é.', 'a'.repeat(235)])(
    'fails on prefix %p',
    (prefix) => {
      expect(errorOf({ prefix })).toEqual(invalid('prefix', OPENTELEMETRY_EXPECTED.prefix, prefix));
    },
  );

  it('names the module, the method and the option in its message', () => {
    expect((errorOf({ prefix: 'my app.' }) as Error).message).toBe(
      'OpenTelemetryHealthModule.register(): option "prefix" must be a string of letters, digits and _ . - / starting with a letter, at most 234 characters (an instrument name prefix), got "my app.".',
    );
    expect((errorOf({ meterName: '' }) as Error).message).toBe(
      'OpenTelemetryHealthModule.register(): option "meterName" must be a non-empty string, got "".',
    );
    expect(INVALID_OPENTELEMETRY_OPTION('registerAsync', 'meterName', EXPECTED.name, 7)).toBe(
      'OpenTelemetryHealthModule.registerAsync(): option "meterName" must be a non-empty string, got 7.',
    );
  });
});
