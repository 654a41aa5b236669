import {
  PROBE_FAILED,
  PROBE_INVALID_PORT,
  PROBE_INVALID_URL,
  PROBE_UNSUPPORTED_PROTOCOL,
} from './probe.messages';
import { resolveProbeTarget } from './probe-target.util';
import { ProbeUsageError } from './probe-usage.error';

const usageError = (target: string, env: NodeJS.ProcessEnv = {}) => {
  try {
    resolveProbeTarget(target, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ProbeUsageError);
    return (error as Error).message;
  }
  throw new Error(`expected a usage error for ${target}`);
};

describe('resolveProbeTarget', () => {
  it('resolves a path against 127.0.0.1 on port 3000 when PORT is unset or empty', () => {
    expect(resolveProbeTarget('/health/live', {}).url).toBe('http://127.0.0.1:3000/health/live');
    expect(resolveProbeTarget('/health/live', { PORT: '' }).url).toBe(
      'http://127.0.0.1:3000/health/live',
    );
  });

  it('resolves a path against the PORT of the environment, keeping the query', () => {
    expect(resolveProbeTarget('/health/ready?x=1', { PORT: '8080' }).url).toBe(
      'http://127.0.0.1:8080/health/ready?x=1',
    );
  });

  it('keeps a path starting with // on the local origin', () => {
    expect(resolveProbeTarget('//evil.example/x', { PORT: '3000' }).url).toBe(
      'http://127.0.0.1:3000//evil.example/x',
    );
  });

  it.each(['abc', '0', '65536', '80.5', '-1'])('rejects PORT=%j', (port) => {
    expect(usageError('/health/live', { PORT: port })).toBe(PROBE_INVALID_PORT(port));
  });

  it('ignores PORT for a full URL', () => {
    expect(resolveProbeTarget('https://api.example:8443/health', { PORT: 'abc' }).url).toBe(
      'https://api.example:8443/health',
    );
  });

  it('sends a user agent naming the command', () => {
    expect(resolveProbeTarget('http://api/health', {}).headers).toEqual({
      'user-agent': 'nestjs-probes',
    });
  });

  it('moves URL credentials into a Basic authorization header, out of the URL shown', () => {
    const target = resolveProbeTarget('http://admin:p%40ss@api.example/health', {});
    expect(target.url).toBe('http://api.example/health');
    expect(target.headers.authorization).toBe(
      `Basic ${Buffer.from('admin:p@ss').toString('base64')}`,
    );
    const line = PROBE_FAILED(target.url, 'connect ECONNREFUSED');
    expect(line).not.toContain('admin');
    expect(line).not.toContain('p%40ss');
  });

  it('rejects a target that is neither a URL nor a path, without echoing it', () => {
    expect(usageError('api.example/health')).toBe(PROBE_INVALID_URL);
    expect(usageError('http://user:s3cret@')).toBe(PROBE_INVALID_URL);
    expect(PROBE_INVALID_URL).not.toContain('s3cret');
  });

  it.each(['ftp://files/health', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'rejects the non-http URL %s',
    (target) => {
      expect(usageError(target)).toBe(PROBE_UNSUPPORTED_PROTOCOL(new URL(target).protocol));
    },
  );
});
