import { type FactoryProvider } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { EXPECTED, MAX_DURATION_MS } from '../options/option.validators';
import { INVALID_READY_MADE_OPTION } from '../ready-made/ready-made.messages';
import { asyncErrorOf, instantiateAsync } from '../ready-made/ready-made-async.testing';
import { type HttpHealthCheck } from './http-health.check';
import { HttpHealthModule } from './http-health.module';
import { HTTP_METHODS, type HttpHealthOptions } from './http-health-options.interface';
import { HTTP_EXPECTED } from './http-health.validation';

function instantiate(options: HttpHealthOptions): HttpHealthCheck {
  const provider = HttpHealthModule.register(options).providers![1] as FactoryProvider;
  return provider.useFactory(options) as HttpHealthCheck;
}

const resolvedOf = (options: HttpHealthOptions) => instantiate(options)['options'];

function errorOf(options: Partial<HttpHealthOptions>): Error {
  try {
    instantiate({ url: 'http://localhost/health', ...options });
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a configuration error');
}

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION('HttpHealthModule', 'HttpHealthCheck', option, expected, actual),
  );

describe('HttpHealthModule.register', () => {
  it('defaults to GET, 2xx, no headers and no latency threshold', () => {
    expect(resolvedOf({ url: 'http://localhost:8080/health' })).toEqual({
      url: 'http://localhost:8080/health',
      method: 'GET',
      expectedStatus: [200, 299],
      headers: {},
      degradedAboveMs: undefined,
    });
  });

  it('takes a URL object, a lower-case method, one status code and headers', () => {
    expect(
      resolvedOf({
        url: new URL('https://example.com/status?full=1'),
        method: 'head',
        expectedStatus: 204,
        headers: { 'x-api-key': 'k' },
        degradedAboveMs: 300,
      }),
    ).toEqual({
      url: 'https://example.com/status?full=1',
      method: 'HEAD',
      expectedStatus: [204, 204],
      headers: { 'x-api-key': 'k' },
      degradedAboveMs: 300,
    });
  });

  it.each([undefined, 42, 'not a url', 'ftp://files.example.com/', 'file:///etc/passwd'])(
    'fails on url %p',
    (url) => {
      expect(errorOf({ url: url as string })).toEqual(invalid('url', HTTP_EXPECTED.url, url));
    },
  );

  it('fails on a URL with credentials, without showing them', () => {
    const error = errorOf({ url: 'https://admin:hunter2@example.com/health' });
    expect(error).toEqual(
      invalid('url', HTTP_EXPECTED.urlCredentials, 'https://***@example.com/health'),
    );
    expect(error.message).not.toContain('hunter2');
  });

  it.each(['CONNECT', 'TRACE', 'FETCH', 7])('fails on method %p', (method) => {
    expect(errorOf({ method: method as 'GET' })).toEqual(
      invalid('method', HTTP_EXPECTED.method, method),
    );
  });

  it.each([99, 600, 200.5, '200', [299, 200], [200], [200, 299, 300]])(
    'fails on expectedStatus %p',
    (expectedStatus) => {
      expect(errorOf({ expectedStatus: expectedStatus as number })).toEqual(
        invalid('expectedStatus', HTTP_EXPECTED.status, expectedStatus),
      );
    },
  );

  it('fails on headers that are not an object of strings, never showing a value', () => {
    expect(errorOf({ headers: 'x' as never })).toEqual(
      invalid('headers', HTTP_EXPECTED.headers, 'x'),
    );
    expect(errorOf({ headers: { authorization: Buffer.from('s3cret') as never } })).toEqual(
      invalid('headers.authorization', HTTP_EXPECTED.headerValue, 'object'),
    );
    const injected = errorOf({ headers: { authorization: 'Bearer s3cret\r\nx-evil: 1' } });
    expect(injected).toEqual(invalid('headers.authorization', HTTP_EXPECTED.header, '***'));
    expect(injected.message).not.toContain('s3cret');
    expect(errorOf({ headers: { 'bad name': 'v' } })).toEqual(
      invalid('headers.bad name', HTTP_EXPECTED.header, '***'),
    );
  });

  it('lists, in its error, exactly the methods it accepts', () => {
    expect(HTTP_EXPECTED.method).toBe(`one of ${HTTP_METHODS.join(', ')}`);
    for (const method of HTTP_METHODS)
      expect(resolvedOf({ url: 'http://x/', method }).method).toBe(method);
  });

  it('caps degradedAboveMs as every millisecond option is capped', () => {
    expect(errorOf({ degradedAboveMs: MAX_DURATION_MS + 1 })).toEqual(
      invalid('degradedAboveMs', EXPECTED.positiveDuration, MAX_DURATION_MS + 1),
    );
  });

  it.each([0, -1, NaN])('fails on degradedAboveMs %p', (degradedAboveMs) => {
    expect(errorOf({ degradedAboveMs })).toEqual(
      invalid('degradedAboveMs', EXPECTED.positiveDuration, degradedAboveMs),
    );
  });
});

describe('HttpHealthModule.registerAsync', () => {
  const invalidAsync = (option: string, expected: string, actual: unknown) =>
    new HealthConfigurationError(
      INVALID_READY_MADE_OPTION(
        'HttpHealthModule',
        'HttpHealthCheck',
        option,
        expected,
        actual,
        'registerAsync',
      ),
    );

  it('resolves what the factory answers as register() resolves it, given the injected config', async () => {
    const config = { url: 'https://example.com/status', token: 'Bearer k' };
    const module = HttpHealthModule.registerAsync({
      inject: ['CONFIG'],
      useFactory: async (given: typeof config) => ({
        url: given.url,
        method: 'head',
        headers: { authorization: given.token },
      }),
    });
    const check = await instantiateAsync<HttpHealthCheck>(module, [], config);
    expect(check['options']).toEqual(
      resolvedOf({ url: config.url, method: 'head', headers: { authorization: 'Bearer k' } }),
    );
  });

  it('fails on a bad URL from the factory, naming registerAsync', async () => {
    const module = HttpHealthModule.registerAsync({ useFactory: () => ({ url: 'ftp://x/' }) });
    expect(await asyncErrorOf(module)).toEqual(invalidAsync('url', HTTP_EXPECTED.url, 'ftp://x/'));
  });

  it('never shows a header value from the factory in its error', async () => {
    const module = HttpHealthModule.registerAsync({
      useFactory: () => ({
        url: 'http://x/',
        headers: { authorization: 'Bearer s3cret\r\nx-evil: 1' },
      }),
    });
    const error = (await asyncErrorOf(module)) as Error;
    expect(error).toEqual(invalidAsync('headers.authorization', HTTP_EXPECTED.header, '***'));
    expect(error.message).not.toContain('s3cret');
  });
});
