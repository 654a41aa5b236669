import { type Registry } from 'prom-client';
import { HealthConfigurationError } from '../errors';
import { EXPECTED, isPlainObject } from '../options/option.validators';
import {
  type PrometheusHealthOptions,
  type ResolvedPrometheusHealthOptions,
} from './prometheus-health-options.interface';
import {
  INVALID_PROMETHEUS_OPTION,
  type PrometheusRegistration,
  UNKNOWN_PROMETHEUS_OPTION,
} from './prometheus.messages';

/** @internal The label names the health metrics use themselves (and `le`, the histogram's). */
export const RESERVED_LABELS: readonly string[] = ['check', 'status', 'probe', 'le'];

/** @internal Expected-value texts of `PrometheusHealthModule`'s options. */
export const PROMETHEUS_EXPECTED = {
  registry: 'a prom-client Registry',
  prefix: 'a string of letters, digits, _ and : not starting with a digit (a metric name prefix)',
  labels: 'an object of label names to string values',
  labelName: `a label name (letters, digits and _, not starting with a digit or __) other than ${RESERVED_LABELS.join(', ')}`,
  labelValue: 'a string',
  inject: 'an array of injection tokens',
  imports: 'an array of modules',
  useFactory: EXPECTED.function,
} as const;

/** @internal The keys of `PrometheusHealthOptions`, in the order messages list them. */
export const PROMETHEUS_OPTION_KEYS: readonly (keyof PrometheusHealthOptions)[] = [
  'registry',
  'prefix',
  'labels',
];

const PREFIX = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Duck-typed: the app may load another copy of prom-client than the one this package resolves.
function isRegistry(value: unknown): value is Registry {
  const registry = value as Partial<Record<keyof Registry, unknown>> | null | undefined;
  return (
    typeof registry === 'object' &&
    registry !== null &&
    typeof registry.registerMetric === 'function' &&
    typeof registry.getSingleMetric === 'function' &&
    typeof registry.removeSingleMetric === 'function' &&
    typeof registry.metrics === 'function'
  );
}

const isLabelName = (name: string): boolean =>
  LABEL_NAME.test(name) && !name.startsWith('__') && !RESERVED_LABELS.includes(name);

/**
 * Validates and fills the options of one `PrometheusHealthModule.register()` (or the result of a
 * `registerAsync()` factory), throwing the bootstrap error naming the method and the option.
 *
 * @internal
 */
export function resolvePrometheusOptions(
  given: unknown,
  method: PrometheusRegistration,
  defaultRegistry: Registry,
): ResolvedPrometheusHealthOptions {
  const fail = (option: string, expected: string, actual: unknown): never => {
    throw new HealthConfigurationError(INVALID_PROMETHEUS_OPTION(method, option, expected, actual));
  };
  const options = given ?? {};
  if (!isPlainObject(options)) return fail('(options)', EXPECTED.object, options);
  for (const key of Object.keys(options)) {
    if (!PROMETHEUS_OPTION_KEYS.includes(key as keyof PrometheusHealthOptions)) {
      throw new HealthConfigurationError(
        UNKNOWN_PROMETHEUS_OPTION(method, key, PROMETHEUS_OPTION_KEYS),
      );
    }
  }
  const {
    registry = defaultRegistry,
    prefix = '',
    labels = {},
  } = options as PrometheusHealthOptions;
  if (!isRegistry(registry)) fail('registry', PROMETHEUS_EXPECTED.registry, registry);
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    fail('prefix', PROMETHEUS_EXPECTED.prefix, prefix);
  }
  if (!isPlainObject(labels)) return fail('labels', PROMETHEUS_EXPECTED.labels, labels);
  for (const [name, value] of Object.entries(labels)) {
    if (!isLabelName(name)) fail(`labels.${name}`, PROMETHEUS_EXPECTED.labelName, name);
    if (typeof value !== 'string') fail(`labels.${name}`, PROMETHEUS_EXPECTED.labelValue, value);
  }
  return { registry, prefix, labels: { ...labels } };
}
