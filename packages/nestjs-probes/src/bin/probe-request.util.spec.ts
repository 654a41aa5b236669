import { PROBE_ANSWERED, PROBE_FAILED, PROBE_TIMED_OUT } from './probe.messages';
import { describeCause, requestProbe } from './probe-request.util';

describe('describeCause', () => {
  it('gives the message of a network error, which already names its code', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), {
      code: 'ECONNREFUSED',
    });
    expect(describeCause(error)).toBe('connect ECONNREFUSED 127.0.0.1:3000');
  });

  it('prefixes the code when the message lacks it', () => {
    const error = Object.assign(new Error('certificate has expired'), {
      code: 'CERT_HAS_EXPIRED',
    });
    expect(describeCause(error)).toBe('CERT_HAS_EXPIRED: certificate has expired');
  });

  it('joins the distinct messages of an AggregateError without its own message', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const error = new AggregateError([refused('::1:3000'), refused('127.0.0.1:3000')], '');
    expect(describeCause(error)).toBe(
      'connect ECONNREFUSED ::1:3000; connect ECONNREFUSED 127.0.0.1:3000',
    );
  });

  it('keeps one line, and describes a non-Error', () => {
    expect(describeCause(new Error('first\nsecond'))).toBe('first');
    expect(describeCause('boom')).toBe('boom');
  });
});

describe('requestProbe', () => {
  const target = { url: 'http://api.invalid/health', headers: { 'user-agent': 'nestjs-probes' } };
  let fetchSpy: jest.SpiedFunction<typeof fetch>;

  beforeEach(() => {
    fetchSpy = jest.spyOn(globalThis, 'fetch');
  });

  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it.each([200, 204, 299])('is healthy on a %i', async (status) => {
    fetchSpy.mockResolvedValue(new Response(null, { status }));
    expect(await requestProbe(target, 500)).toEqual({
      healthy: true,
      line: PROBE_ANSWERED(target.url, status),
    });
  });

  it.each([300, 301, 304, 404, 503])('is unhealthy on a %i', async (status) => {
    fetchSpy.mockResolvedValue(new Response(null, { status }));
    expect(await requestProbe(target, 500)).toEqual({
      healthy: false,
      line: PROBE_ANSWERED(target.url, status),
    });
  });

  it('asks not to follow redirects, bounded by a signal', async () => {
    fetchSpy.mockResolvedValue(new Response(null, { status: 200 }));
    await requestProbe(target, 500);
    expect(fetchSpy).toHaveBeenCalledWith(target.url, {
      headers: target.headers,
      redirect: 'manual',
      signal: expect.any(AbortSignal),
    });
  });

  it('is unhealthy on a DNS failure, naming it', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.invalid'), {
      code: 'ENOTFOUND',
    });
    fetchSpy.mockRejectedValue(new TypeError('fetch failed', { cause }));
    expect(await requestProbe(target, 500)).toEqual({
      healthy: false,
      line: PROBE_FAILED(target.url, 'getaddrinfo ENOTFOUND api.invalid'),
    });
  });

  it('is unhealthy with the timed-out line when its signal aborts the request', async () => {
    fetchSpy.mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    );
    expect(await requestProbe(target, 20)).toEqual({
      healthy: false,
      line: PROBE_TIMED_OUT(target.url, 20),
    });
  });
});
