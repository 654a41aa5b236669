import { Registry } from 'prom-client';
import { HealthConfigurationError } from '../errors';
import { thrownBy } from '../metrics/metrics.testing';
import { EXPECTED } from '../options/option.validators';
import {
  PROMETHEUS_EXPECTED,
  PROMETHEUS_OPTION_KEYS,
  resolvePrometheusOptions,
} from './prometheus-health.validation';
import { INVALID_PROMETHEUS_OPTION, UNKNOWN_PROMETHEUS_OPTION } from './prometheus.messages';

const fallback = new Registry();
const resolve = (given: unknown) => resolvePrometheusOptions(given, 'register', fallback);

const errorOf = (given: unknown) => thrownBy(() => resolve(given));

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(INVALID_PROMETHEUS_OPTION('register', option, expected, actual));

describe('resolvePrometheusOptions', () => {
  it('defaults to the given default registry, no prefix and no labels', () => {
    expect(resolve(undefined)).toEqual({ registry: fallback, prefix: '', labels: {} });
    expect(resolve({})).toEqual({ registry: fallback, prefix: '', labels: {} });
  });

  it('takes a registry, a prefix and constant labels (copied)', () => {
    const registry = new Registry();
    const labels = { service: 'orders', region: 'eu_west:1' };
    const resolved = resolve({ registry, prefix: 'orders:api_', labels });
    expect(resolved).toEqual({ registry, prefix: 'orders:api_', labels });
    expect(resolved.registry).toBe(registry);
    expect(resolved.labels).not.toBe(labels);
  });

  it('fails on options that are not an object', () => {
    expect(errorOf('x')).toEqual(invalid('(options)', EXPECTED.object, 'x'));
    expect(errorOf([])).toEqual(invalid('(options)', EXPECTED.object, []));
  });

  it('fails on an unknown option, listing the known ones', () => {
    expect(errorOf({ regsitry: new Registry() })).toEqual(
      new HealthConfigurationError(
        UNKNOWN_PROMETHEUS_OPTION('register', 'regsitry', PROMETHEUS_OPTION_KEYS),
      ),
    );
  });

  it.each([null, 'default', {}, { registerMetric: () => undefined }])(
    'fails on registry %p, naming its kind only',
    (registry) => {
      const error = errorOf({ registry });
      expect(error).toEqual(invalid('registry', PROMETHEUS_EXPECTED.registry, registry));
      expect(error).toBeInstanceOf(HealthConfigurationError);
    },
  );

  it('names the module, the method and the option in its message', () => {
    expect((errorOf({ prefix: 'my-app_' }) as Error).message).toBe(
      'PrometheusHealthModule.register(): option "prefix" must be a string of letters, digits, _ and : not starting with a digit (a metric name prefix), got "my-app_".',
    );
    expect(
      INVALID_PROMETHEUS_OPTION('registerAsync', 'registry', PROMETHEUS_EXPECTED.registry, {}),
    ).toBe(
      'PrometheusHealthModule.registerAsync(): option "registry" must be a prom-client Registry, got an object (Object).',
    );
  });

  it.each([1, '1app_', 'my app', 'app-'])('fails on prefix %p', (prefix) => {
    expect(errorOf({ prefix })).toEqual(invalid('prefix', PROMETHEUS_EXPECTED.prefix, prefix));
  });

  it('fails on labels that are not an object of label names to strings', () => {
    expect(errorOf({ labels: 'service=orders' })).toEqual(
      invalid('labels', PROMETHEUS_EXPECTED.labels, 'service=orders'),
    );
    expect(errorOf({ labels: { service: 1 } })).toEqual(
      invalid('labels.service', PROMETHEUS_EXPECTED.labelValue, 1),
    );
  });

  it.each(['check', 'status', 'probe', 'le', '__name__', '1st', 'my-label', ''])(
    'fails on the label name %p',
    (name) => {
      expect(errorOf({ labels: { [name]: 'x' } })).toEqual(
        invalid(`labels.${name}`, PROMETHEUS_EXPECTED.labelName, name),
      );
    },
  );
});
