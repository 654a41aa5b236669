/** @internal */
export const PROBE_USAGE =
  'usage: nestjs-probes [--timeout <ms>] <url | /path>\n       nestjs-probes [--timeout <ms>] --grpc <host:port> [--service <name>]';

/** @internal */
export const PROBE_HELP = `${PROBE_USAGE}

Sends GET to the URL and exits 0 on a 2xx answer, 1 on anything else: another status (redirects
are not followed), a refused connection, a DNS failure, a timeout, or bad usage.

  <url>           an http:// or https:// URL
  /path           shorthand for http://127.0.0.1:$PORT/path (PORT defaults to 3000)
  --grpc <host:port>
                  send a grpc.health.v1.Health Check instead (plaintext): exits 0 on SERVING only,
                  1 on NOT_SERVING, an unknown service, any gRPC error, or a timeout
  --service <name>
                  the service name of --grpc: "" (the default: readiness), liveness, readiness
                  or startup with nestjs-probes/grpc
  --timeout <ms>  bound on the whole request, 1 to 600000 milliseconds (default 2000)
  --help          print this help`;

/** @internal */
export const PROBE_MISSING_TARGET = 'missing the URL or /path to probe';

/** @internal */
export const PROBE_EXTRA_ARGUMENTS = (count: number) =>
  `expected one URL or /path, got ${count} arguments`;

/** @internal */
export const PROBE_UNKNOWN_OPTION = (option: string) => `unknown option ${option}`;

/** @internal */
export const PROBE_MISSING_OPTION_VALUE = (option: string) => `${option} needs a value`;

/** @internal */
export const PROBE_GRPC_WITH_TARGET = '--grpc takes no URL or /path: give one or the other';

/** @internal */
export const PROBE_SERVICE_WITHOUT_GRPC = '--service needs --grpc <host:port>';

/** The value is not echoed: it may carry credentials. @internal */
export const PROBE_INVALID_GRPC_ADDRESS =
  '--grpc needs a host:port address, without spaces or credentials';

/** @internal */
export const PROBE_MISSING_TIMEOUT = '--timeout needs a value in milliseconds';

/** @internal */
export const PROBE_INVALID_TIMEOUT = (value: string, max: number) =>
  `--timeout must be a whole number of milliseconds from 1 to ${max}, got ${JSON.stringify(value)}`;

/** @internal */
export const PROBE_INVALID_PORT = (value: string) =>
  `PORT must be a port number from 1 to 65535, got ${JSON.stringify(value)}`;

/** The value is not echoed: an unparsable URL may still hold a password. @internal */
export const PROBE_INVALID_URL = 'the target is neither an http(s) URL nor a path starting with /';

/** @internal */
export const PROBE_UNSUPPORTED_PROTOCOL = (protocol: string) =>
  `only http: and https: URLs can be probed, got ${protocol}`;

/** @internal */
export const PROBE_ANSWERED = (url: string, status: number) =>
  `nestjs-probes: GET ${url} answered ${status}`;

/** @internal */
export const PROBE_TIMED_OUT = (url: string, timeoutMs: number) =>
  `nestjs-probes: GET ${url} timed out after ${timeoutMs} ms`;

/** @internal */
export const PROBE_FAILED = (url: string, reason: string) =>
  `nestjs-probes: GET ${url} failed: ${reason}`;

/**
 * The event loop emptied with the request still pending: the server accepted the connection and
 * closed it without an answer `fetch` could report (a full `maxConnections`, a proxy in front of a
 * dead app, a closing listener).
 *
 * @internal
 */
export const PROBE_CLOSED_WITHOUT_ANSWER = (url: string) =>
  PROBE_FAILED(url, 'the connection closed without an answer');

/** The process was about to end before any request was sent: a bug, never healthy. @internal */
export const PROBE_ENDED_WITHOUT_OUTCOME = 'nestjs-probes: ended without an outcome';

/** An unexpected error or unhandled rejection inside the command: one line, never healthy. @internal */
export const PROBE_INTERNAL_ERROR = (reason: string) => `nestjs-probes: internal error: ${reason}`;

/** @internal */
export const PROBE_USAGE_ERROR = (problem: string) => `nestjs-probes: ${problem}\n${PROBE_USAGE}`;

/** @internal How a gRPC probe names what it asked. */
export const GRPC_PROBE_LABEL = (address: string, service: string) =>
  `gRPC Check ${JSON.stringify(service)} at ${address}`;

/** @internal */
export const PROBE_GRPC_ANSWERED = (label: string, status: string) =>
  `nestjs-probes: ${label} answered ${status}`;

/** @internal */
export const PROBE_GRPC_FAILED = (label: string, code: string, details: string) =>
  `nestjs-probes: ${label} failed: ${code}${details ? ` (${details})` : ''}`;

/** @internal */
export const PROBE_GRPC_TIMED_OUT = (label: string, timeoutMs: number) =>
  `nestjs-probes: ${label} timed out after ${timeoutMs} ms`;

/** @internal */
export const PROBE_GRPC_CLOSED_WITHOUT_ANSWER = (label: string) =>
  `nestjs-probes: ${label} failed: the connection closed without an answer`;

/** @internal `@grpc/grpc-js` is an optional peer dependency: only --grpc needs it. */
export const PROBE_GRPC_UNAVAILABLE = (reason: string) =>
  `nestjs-probes: --grpc needs the package @grpc/grpc-js (npm install @grpc/grpc-js): ${reason}`;
