import {
  PROBE_EXTRA_ARGUMENTS,
  PROBE_GRPC_WITH_TARGET,
  PROBE_INVALID_GRPC_ADDRESS,
  PROBE_MISSING_OPTION_VALUE,
  PROBE_SERVICE_WITHOUT_GRPC,
  PROBE_INVALID_TIMEOUT,
  PROBE_MISSING_TARGET,
  PROBE_MISSING_TIMEOUT,
  PROBE_UNKNOWN_OPTION,
} from './probe.messages';
import {
  DEFAULT_PROBE_TIMEOUT_MS,
  MAX_PROBE_TIMEOUT_MS,
  parseProbeArguments,
} from './probe-arguments.util';
import { ProbeUsageError } from './probe-usage.error';

const usageError = (argv: string[]) => {
  try {
    parseProbeArguments(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(ProbeUsageError);
    return (error as Error).message;
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
};

describe('parseProbeArguments', () => {
  it('takes the target with the default timeout', () => {
    expect(parseProbeArguments(['/health/live'])).toEqual({
      help: false,
      target: '/health/live',
      timeoutMs: DEFAULT_PROBE_TIMEOUT_MS,
    });
    expect(DEFAULT_PROBE_TIMEOUT_MS).toBe(2000);
  });

  it.each([
    [['--timeout', '500', 'http://api/health']],
    [['--timeout=500', 'http://api/health']],
    [['http://api/health', '--timeout', '500']],
  ])('reads --timeout in milliseconds from %j', (argv) => {
    expect(parseProbeArguments(argv)).toEqual({
      help: false,
      target: 'http://api/health',
      timeoutMs: 500,
    });
  });

  it('accepts the largest timeout and rejects one above it', () => {
    expect(parseProbeArguments(['--timeout', '600000', '/x'])).toMatchObject({ timeoutMs: 600000 });
    expect(usageError(['--timeout', '600001', '/x'])).toBe(
      PROBE_INVALID_TIMEOUT('600001', MAX_PROBE_TIMEOUT_MS),
    );
  });

  it.each(['0', '-5', '1.5', '1e3', 'abc', '', ' 100', '99999999999'])(
    'rejects the timeout %j',
    (value) => {
      expect(usageError([`--timeout=${value}`, '/x'])).toBe(
        PROBE_INVALID_TIMEOUT(value, MAX_PROBE_TIMEOUT_MS),
      );
    },
  );

  it('rejects --timeout without a value', () => {
    expect(usageError(['/x', '--timeout'])).toBe(PROBE_MISSING_TIMEOUT);
  });

  it('asks for help with --help or -h, wherever it stands', () => {
    expect(parseProbeArguments(['--help'])).toEqual({ help: true });
    expect(parseProbeArguments(['/x', '-h'])).toEqual({ help: true });
  });

  it('rejects a missing target and a second one', () => {
    expect(usageError([])).toBe(PROBE_MISSING_TARGET);
    expect(usageError(['--timeout', '100'])).toBe(PROBE_MISSING_TARGET);
    expect(usageError(['/a', '/b'])).toBe(PROBE_EXTRA_ARGUMENTS(2));
  });

  it('rejects an unknown option, naming it without its value', () => {
    expect(usageError(['--verbose', '/x'])).toBe(PROBE_UNKNOWN_OPTION('--verbose'));
    expect(usageError(['--token=s3cret', '/x'])).toBe(PROBE_UNKNOWN_OPTION('--token'));
    expect(usageError(['-t', '100', '/x'])).toBe(PROBE_UNKNOWN_OPTION('-t'));
  });

  it('takes everything after -- as the target', () => {
    expect(parseProbeArguments(['--', '--odd'])).toMatchObject({ target: '--odd' });
  });

  describe('--grpc', () => {
    it.each([
      [['--grpc', '127.0.0.1:50051'], ''],
      [['--grpc=127.0.0.1:50051', '--service', 'liveness'], 'liveness'],
      [['--service=readiness', '--grpc', '127.0.0.1:50051'], 'readiness'],
      [['--grpc', '127.0.0.1:50051', '--service='], ''],
    ])('reads %j, the service defaulting to ""', (argv, service) => {
      expect(parseProbeArguments(argv)).toEqual({
        help: false,
        target: '127.0.0.1:50051',
        grpc: { address: '127.0.0.1:50051', service },
        timeoutMs: DEFAULT_PROBE_TIMEOUT_MS,
      });
    });

    it('takes --timeout with it', () => {
      expect(parseProbeArguments(['--grpc', '[::1]:50051', '--timeout', '300'])).toEqual({
        help: false,
        target: '[::1]:50051',
        grpc: { address: '[::1]:50051', service: '' },
        timeoutMs: 300,
      });
    });

    it('rejects a URL or path next to it', () => {
      expect(usageError(['--grpc', 'api:50051', '/health'])).toBe(PROBE_GRPC_WITH_TARGET);
    });

    it('rejects --service without --grpc', () => {
      expect(usageError(['--service', 'liveness', '/health'])).toBe(PROBE_SERVICE_WITHOUT_GRPC);
    });

    it('rejects --grpc and --service without a value', () => {
      expect(usageError(['--grpc'])).toBe(PROBE_MISSING_OPTION_VALUE('--grpc'));
      expect(usageError(['--grpc', 'api:1', '--service'])).toBe(
        PROBE_MISSING_OPTION_VALUE('--service'),
      );
    });

    it.each(['', 'user:s3cret@api:50051', 'api 50051'])(
      'rejects the address %j without echoing it',
      (address) => {
        const message = usageError([`--grpc=${address}`]);
        expect(message).toBe(PROBE_INVALID_GRPC_ADDRESS);
        expect(message).not.toContain('s3cret');
      },
    );
  });
});
