import { probeAnswer } from './probe-answer';

describe('probeAnswer', () => {
  const never = () => {
    throw new Error('Retry-After is read on the 503 path only');
  };

  it('answers up and degraded 200 from constants, without reading Retry-After', () => {
    expect(probeAnswer('up', 'json', never)).toBe(probeAnswer('up', 'json', never));
    expect(probeAnswer('up', 'json', never)).toMatchObject({
      statusCode: 200,
      body: '{"status":"up"}',
    });
    const degraded = probeAnswer('degraded', 'health+json', never);
    expect(degraded).toMatchObject({ statusCode: 200, body: '{"status":"warn"}' });
    expect(degraded.headers).toMatchObject({
      'Content-Type': 'application/health+json',
      'x-envoy-degraded': 'true',
    });
  });

  it('answers down 503 with Retry-After and a matching Content-Length', () => {
    const answer = probeAnswer('down', 'json', () => 7);
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['Retry-After']).toBe('7');
    expect(answer.headers['Content-Length']).toBe(String(Buffer.byteLength(answer.body)));
    expect(JSON.parse(answer.body)).toEqual({ status: 'down' });
    expect(JSON.parse(probeAnswer('down', 'health+json', () => 1).body)).toEqual({
      status: 'fail',
    });
  });
});
