import { HTTP_REQUEST_FAILED, HTTP_SLOW, HTTP_UNEXPECTED_STATUS } from './http.messages';
import { interpretCheckValue } from '../results/check-value.interpreter';
import { HttpHealthCheck } from './http-health.check';
import { type ResolvedHttpHealthOptions } from './http-health-options.interface';

const OPTIONS: ResolvedHttpHealthOptions = {
  url: 'http://upstream.internal/health',
  method: 'GET',
  expectedStatus: [200, 299],
  headers: { authorization: 'Bearer s3cret' },
};

/** A body of `chunks` chunks of 16 KiB, recording how far it was read. */
function streamedBody(chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(16 * 1024));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { body, seen };
}

function run(
  options: Partial<ResolvedHttpHealthOptions> = {},
  signal = new AbortController().signal,
) {
  return new HttpHealthCheck({ ...OPTIONS, ...options }).check(signal).then(interpretCheckValue);
}

describe('HttpHealthCheck', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sends the request with the signal, no redirect following, and reports status and latency', async () => {
    const fetch = jest.spyOn(global, 'fetch').mockResolvedValue(new Response('ok'));
    const signal = new AbortController().signal;
    expect(await run({ method: 'HEAD' }, signal)).toEqual({
      status: 'up',
      details: { statusCode: 200, latencyMs: expect.any(Number) },
    });
    expect(fetch).toHaveBeenCalledWith(OPTIONS.url, {
      method: 'HEAD',
      headers: OPTIONS.headers,
      redirect: 'manual',
      signal,
    });
  });

  it.each([
    [503, [200, 299]],
    [302, [200, 299]],
    [200, [204, 204]],
  ] as const)('is down on HTTP %d outside %p, with the figures', async (status, range) => {
    jest.spyOn(global, 'fetch').mockResolvedValue(new Response(null, { status }));
    expect(await run({ expectedStatus: range })).toEqual({
      status: 'down',
      error: HTTP_UNEXPECTED_STATUS(status, range),
      details: { statusCode: status, latencyMs: expect.any(Number) },
    });
  });

  it('is up on a status at either end of the range', async () => {
    jest.spyOn(global, 'fetch').mockResolvedValue(new Response(null, { status: 301 }));
    expect((await run({ expectedStatus: [200, 301] })).status).toBe('up');
    jest.spyOn(global, 'fetch').mockResolvedValue(new Response(null, { status: 200 }));
    expect((await run({ expectedStatus: [200, 301] })).status).toBe('up');
  });

  it('is degraded when the response takes longer than degradedAboveMs', async () => {
    jest.spyOn(global, 'fetch').mockResolvedValue(new Response('ok'));
    jest.spyOn(performance, 'now').mockReturnValueOnce(1000).mockReturnValueOnce(1250.04);
    expect(await run({ degradedAboveMs: 200 })).toEqual({
      status: 'degraded',
      error: HTTP_SLOW(250, 200),
      details: { statusCode: 200, latencyMs: 250 },
    });
  });

  it('reads a small body to its end, so the connection can be reused', async () => {
    const { body, seen } = streamedBody(2);
    jest.spyOn(global, 'fetch').mockResolvedValue(new Response(body));
    expect((await run()).status).toBe('up');
    expect(seen).toEqual({ pulled: 2, cancelled: false });
  });

  it('cancels a large body after 64 KiB rather than reading it all', async () => {
    const { body, seen } = streamedBody(1000);
    jest.spyOn(global, 'fetch').mockResolvedValue(new Response(body));
    expect((await run()).status).toBe('up');
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(10);
  });

  it('fails with the cause of "fetch failed" (code and message), left to the runner to redact', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:8080'), {
      code: 'ECONNREFUSED',
    });
    jest
      .spyOn(global, 'fetch')
      .mockRejectedValue(new TypeError('fetch failed', { cause: refused }));
    await expect(run()).rejects.toThrow(
      expect.objectContaining({
        message: HTTP_REQUEST_FAILED('connect ECONNREFUSED 10.0.0.7:8080'),
        cause: refused,
      }),
    );
  });

  it('reads a cause from another realm, or an AggregateError, by its shape', async () => {
    const foreign = { code: 'ECONNRESET', message: 'other side closed' };
    jest
      .spyOn(global, 'fetch')
      .mockRejectedValue(new TypeError('fetch failed', { cause: foreign }));
    await expect(run()).rejects.toThrow(HTTP_REQUEST_FAILED('ECONNRESET: other side closed'));
    const refused = (host: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${host}`), { code: 'ECONNREFUSED' });
    const both = new AggregateError([refused('::1:80'), refused('127.0.0.1:80')]);
    jest.spyOn(global, 'fetch').mockRejectedValue(new TypeError('fetch failed', { cause: both }));
    await expect(run()).rejects.toThrow(
      HTTP_REQUEST_FAILED('connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80'),
    );
  });

  it('rethrows the abort reason once the signal is aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('timed out');
    jest.spyOn(global, 'fetch').mockImplementation(async () => {
      controller.abort(reason);
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(run({}, controller.signal)).rejects.toBe(reason);
  });
});
