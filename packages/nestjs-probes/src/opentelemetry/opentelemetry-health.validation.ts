import { HealthConfigurationError } from '../errors';
import { EXPECTED, isPlainObject } from '../options/option.validators';
import { DEFAULT_METER_NAME, MAX_PREFIX_LENGTH } from './opentelemetry-health.constants';
import {
  type OpenTelemetryHealthOptions,
  type ResolvedOpenTelemetryHealthOptions,
} from './opentelemetry-health-options.interface';
import {
  INVALID_OPENTELEMETRY_OPTION,
  type OpenTelemetryRegistration,
  UNKNOWN_OPENTELEMETRY_OPTION,
} from './opentelemetry.messages';

/** @internal Expected-value texts of `OpenTelemetryHealthModule`'s options. */
export const OPENTELEMETRY_EXPECTED = {
  meterName: EXPECTED.name,
  prefix: `a string of letters, digits and _ . - / starting with a letter, at most ${MAX_PREFIX_LENGTH} characters (an instrument name prefix)`,
  inject: 'an array of injection tokens',
  imports: 'an array of modules',
  useFactory: EXPECTED.function,
} as const;

/** @internal The keys of `OpenTelemetryHealthOptions`, in the order messages list them. */
export const OPENTELEMETRY_OPTION_KEYS: readonly (keyof OpenTelemetryHealthOptions)[] = [
  'meterName',
  'prefix',
];

// The instrument name syntax of the OpenTelemetry API specification, less its length limit.
const PREFIX = /^([A-Za-z][A-Za-z0-9_.\-/]*)?$/;

/**
 * Validates and fills the options of one `OpenTelemetryHealthModule.register()` (or the result of
 * a `registerAsync()` factory), throwing the bootstrap error naming the method and the option.
 *
 * @internal
 */
export function resolveOpenTelemetryOptions(
  given: unknown,
  method: OpenTelemetryRegistration,
): ResolvedOpenTelemetryHealthOptions {
  const fail = (option: string, expected: string, actual: unknown): never => {
    throw new HealthConfigurationError(
      INVALID_OPENTELEMETRY_OPTION(method, option, expected, actual),
    );
  };
  const options = given ?? {};
  if (!isPlainObject(options)) return fail('(options)', EXPECTED.object, options);
  for (const key of Object.keys(options)) {
    if (!OPENTELEMETRY_OPTION_KEYS.includes(key as keyof OpenTelemetryHealthOptions)) {
      throw new HealthConfigurationError(
        UNKNOWN_OPENTELEMETRY_OPTION(method, key, OPENTELEMETRY_OPTION_KEYS),
      );
    }
  }
  const { meterName = DEFAULT_METER_NAME, prefix = '' } = options as OpenTelemetryHealthOptions;
  if (typeof meterName !== 'string' || meterName.trim() === '') {
    fail('meterName', OPENTELEMETRY_EXPECTED.meterName, meterName);
  }
  if (typeof prefix !== 'string' || !PREFIX.test(prefix) || prefix.length > MAX_PREFIX_LENGTH) {
    fail('prefix', OPENTELEMETRY_EXPECTED.prefix, prefix);
  }
  return { meterName, prefix };
}
