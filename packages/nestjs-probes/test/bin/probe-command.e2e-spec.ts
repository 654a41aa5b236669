import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { refusedPort } from '@internal/test-servers';
import { PROBE, runProbe } from './probe-run.util';
import {
  PROBE_ANSWERED,
  PROBE_CLOSED_WITHOUT_ANSWER,
  PROBE_FAILED,
  PROBE_HELP,
  PROBE_INTERNAL_ERROR,
  PROBE_INVALID_TIMEOUT,
  PROBE_TIMED_OUT,
  PROBE_UNSUPPORTED_PROTOCOL,
  PROBE_USAGE_ERROR,
} from '../../src/bin/probe.messages';
import {
  type Behaviour,
  destroyAtOnce,
  endAfterRequest,
  type FaultyServer,
  neverAnswer as neverAnswerRaw,
  resetAtOnce,
  sendThenEnd,
  sendThenReset,
  startFullHttpServer,
  startRawServer,
} from './faulty-server.util';
import { answer, neverAnswer, startUpstream, type Upstream } from '../src/upstream-server.util';

const TIMEOUT_MS = 300;
/** Guards against a hang; not a speed claim. Starting Node has taken over 2 s on CI's loaded cores. */
const MARGIN_MS = 5000;
/** Past every bound asserted below, and under the Jest timeouts. */

/** Answers 200 and then sends one byte every 10 ms, forever. */
const trickle: Upstream['handler'] = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' }).write('x');
  const timer = setInterval(() => response.write('x'), 10);
  response.once('close', () => clearInterval(timer));
};

describe('nestjs-probes command', () => {
  jest.setTimeout(15_000);
  let upstream: Upstream;

  beforeAll(() => {
    if (!existsSync(PROBE)) {
      throw new Error(`${PROBE} is missing: run npm run build --workspace nestjs-probes`);
    }
  });

  beforeEach(async () => {
    upstream = await startUpstream();
  });

  afterEach(async () => {
    await upstream.stop();
  });

  it.each([200, 204])('exits 0 on a %i with one GET, and one line on stdout', async (status) => {
    upstream.handler = answer(status);
    const run = await runProbe([upstream.url]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`${PROBE_ANSWERED(upstream.url, status)}\n`);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({
      method: 'GET',
      url: '/health',
      headers: expect.objectContaining({ 'user-agent': 'nestjs-probes' }),
    });
  });

  it.each([404, 503])('exits 1 on a %i, naming the status and never the body', async (status) => {
    upstream.handler = answer(status, 'internal detail: db password rejected');
    const run = await runProbe([upstream.url]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`${PROBE_ANSWERED(upstream.url, status)}\n`);
  });

  it('exits 1 on a redirect without following it', async () => {
    upstream.handler = (_request, response) => {
      response.writeHead(301, { location: '/elsewhere' }).end();
    };
    const run = await runProbe([upstream.url]);
    expect(run).toMatchObject({ code: 1, stderr: `${PROBE_ANSWERED(upstream.url, 301)}\n` });
    expect(upstream.requests.map((request) => request.url)).toEqual(['/health']);
  });

  it('exits 1 within the timeout when the server never answers', async () => {
    upstream.handler = neverAnswer;
    const run = await runProbe(['--timeout', String(TIMEOUT_MS), upstream.url]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`${PROBE_TIMED_OUT(upstream.url, TIMEOUT_MS)}\n`);
    expect(run.elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    await upstream.closed(0);
  });

  it('exits 0 at once on a 200 whose body never ends, without reading it', async () => {
    upstream.handler = trickle;
    // A long timeout, so a loaded machine's slow start cannot end the run: reading the body would
    // last until the timeout, answering from the status line ends well before it.
    const timeoutMs = 8000;
    const run = await runProbe(['--timeout', String(timeoutMs), upstream.url]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.elapsedMs).toBeLessThan(timeoutMs - 1000);
    await upstream.closed(0);
  });

  it('exits 1 on a refused connection, saying why', async () => {
    const port = await refusedPort();
    const url = `http://127.0.0.1:${port}/health`;
    const run = await runProbe([url]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`${PROBE_FAILED(url, `connect ECONNREFUSED 127.0.0.1:${port}`)}\n`);
  });

  it('resolves a path against 127.0.0.1 and the PORT of its environment', async () => {
    const run = await runProbe(['--timeout=1000', '/health'], { PORT: String(upstream.port) });
    expect(run).toMatchObject({ code: 0, stdout: `${PROBE_ANSWERED(upstream.url, 200)}\n` });
    expect(upstream.requests).toHaveLength(1);
  });

  it('sends URL credentials as Basic auth and never prints them', async () => {
    upstream.handler = answer(503);
    const run = await runProbe([`http://probe:s3cret@127.0.0.1:${upstream.port}/health`]);
    expect(run).toMatchObject({ code: 1, stderr: `${PROBE_ANSWERED(upstream.url, 503)}\n` });
    expect(run.stderr).not.toContain('s3cret');
    expect(upstream.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('probe:s3cret').toString('base64')}`,
    );
  });

  it('prints the help and exits 0 with --help', async () => {
    expect(await runProbe(['--help'])).toMatchObject({ code: 0, stdout: `${PROBE_HELP}\n` });
  });

  it.each([
    [['--timeout', '0', '/health'], PROBE_INVALID_TIMEOUT('0', 600000)],
    [['ftp://127.0.0.1/health'], PROBE_UNSUPPORTED_PROTOCOL('ftp:')],
  ])('exits 1 on bad usage %j, with the usage line', async (args, problem) => {
    const run = await runProbe(args);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: `${PROBE_USAGE_ERROR(problem)}\n` });
    expect(upstream.requests).toHaveLength(0);
  });
});

/**
 * A Docker HEALTHCHECK must never call a dead app healthy. These servers accept the connection and
 * then fail to answer in every way found in the field; the command used to exit 0 in silence on
 * some of them (`fetch` left pending, the event loop empty). Each runs several times, since the
 * outcome depended on a race; the upper bound on the duration guards against a hang, it is not a
 * speed claim.
 */
describe('nestjs-probes command against a server that accepts and does not answer', () => {
  jest.setTimeout(30_000);
  const RUNS = [1, 2, 3];
  // Long enough that a closed connection, not the timer, ends the run even on CI's starved cores.
  const CLOSE_TIMEOUT_MS = 5000;
  const HANG_TIMEOUT_MS = 300;
  const GUARD_MS = 8000;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** One stderr line saying the GET to `url` failed (a closed connection included), with a reason. */
  const oneFailureLine = (url: string) =>
    expect.stringMatching(new RegExp(`^${escape(PROBE_FAILED(url, ''))}[^\\n]+\\n$`));
  let server: FaultyServer | undefined;

  beforeAll(() => {
    if (!existsSync(PROBE)) {
      throw new Error(`${PROBE} is missing: run npm run build --workspace nestjs-probes`);
    }
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  const closing: [string, Behaviour][] = [
    ['destroys the socket at once', destroyAtOnce],
    ['resets the connection at once', resetAtOnce],
    ['reads the request and closes', endAfterRequest],
    ['sends half a status line and closes', sendThenEnd('HTTP/1.1 20')],
    [
      'sends a 200 status line, half the headers, and closes',
      sendThenEnd('HTTP/1.1 200 OK\r\nconte'),
    ],
    [
      'sends a 200 status line without the end of headers, and resets',
      sendThenReset('HTTP/1.1 200 OK\r\n'),
    ],
  ];

  describe.each(closing)('that %s', (_name, behaviour) => {
    it.each(RUNS)('exits 1 with one failure line (run %i)', async () => {
      server = await startRawServer(behaviour);
      const run = await runProbe(['--timeout', String(CLOSE_TIMEOUT_MS), server.url]);
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: oneFailureLine(server.url) });
      expect(run.elapsedMs).toBeLessThan(CLOSE_TIMEOUT_MS + GUARD_MS);
      expect(server.accepted).toBeGreaterThanOrEqual(1);
    });
  });

  it.each(RUNS)(
    'exits 1 on an http.Server over its maxConnections, closing the connection (run %i)',
    async () => {
      server = await startFullHttpServer();
      const run = await runProbe(['--timeout', String(CLOSE_TIMEOUT_MS), server.url]);
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: oneFailureLine(server.url) });
      expect(run.elapsedMs).toBeLessThan(CLOSE_TIMEOUT_MS + GUARD_MS);
      expect(server.dropped).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(RUNS)(
    'exits 1 at the timeout instead of hanging when the server reads and never answers (run %i)',
    async () => {
      server = await startRawServer(neverAnswerRaw);
      const run = await runProbe(['--timeout', String(HANG_TIMEOUT_MS), server.url]);
      expect(run).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `${PROBE_TIMED_OUT(server.url, HANG_TIMEOUT_MS)}\n`,
      });
      expect(run.elapsedMs).toBeGreaterThanOrEqual(HANG_TIMEOUT_MS);
      expect(run.elapsedMs).toBeLessThan(HANG_TIMEOUT_MS + GUARD_MS);
    },
  );

  describe('failing from the inside', () => {
    const URL = 'http://127.0.0.1:9/health';
    const runFaulty = (fault: string, url = URL, timeoutMs = CLOSE_TIMEOUT_MS) =>
      runProbe(['--timeout', String(timeoutMs), url], { PROBE_TEST_FAULT: fault }, [
        '--require',
        join(__dirname, 'fixtures', 'fault-inside.cjs'),
      ]);

    it.each(RUNS)(
      'exits 1, saying the connection closed, when fetch is left pending and the event loop empties (run %i)',
      async () => {
        const run = await runFaulty('pending-fetch');
        expect(run).toMatchObject({
          code: 1,
          stdout: '',
          stderr: `${PROBE_CLOSED_WITHOUT_ANSWER(URL)}\n`,
        });
        expect(run.elapsedMs).toBeLessThan(CLOSE_TIMEOUT_MS + GUARD_MS);
      },
    );

    it('exits 1 at the timeout when fetch ignores its abort signal', async () => {
      const run = await runFaulty('deaf-fetch', URL, HANG_TIMEOUT_MS);
      expect(run).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `${PROBE_TIMED_OUT(URL, HANG_TIMEOUT_MS)}\n`,
      });
      expect(run.elapsedMs).toBeGreaterThanOrEqual(HANG_TIMEOUT_MS);
      expect(run.elapsedMs).toBeLessThan(HANG_TIMEOUT_MS + GUARD_MS);
    });

    it.each([
      ['an uncaught exception', 'exception'],
      ['an unhandled rejection', 'rejection'],
    ])('exits 1 in one line on %s', async (_name, fault) => {
      // The request waits on a server that never answers: the crash comes first.
      server = await startRawServer(neverAnswerRaw);
      const run = await runFaulty(fault, server.url);
      expect(run).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `${PROBE_INTERNAL_ERROR('boom from the test')}\n`,
      });
      expect(run.elapsedMs).toBeLessThan(CLOSE_TIMEOUT_MS + GUARD_MS);
    });
  });

  describe('positive controls: the same raw servers can make it exit 0', () => {
    it.each(RUNS)('exits 0 on a raw 200 answer (run %i)', async () => {
      server = await startRawServer(
        sendThenEnd('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok'),
      );
      const run = await runProbe(['--timeout', String(CLOSE_TIMEOUT_MS), server.url]);
      expect(run).toMatchObject({
        code: 0,
        stderr: '',
        stdout: `${PROBE_ANSWERED(server.url, 200)}\n`,
      });
    });

    it.each(RUNS)(
      'exits 0 on a 200 whose headers arrived before a reset mid-body: that is an answer (run %i)',
      async () => {
        server = await startRawServer(
          sendThenReset('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial'),
        );
        const run = await runProbe(['--timeout', String(CLOSE_TIMEOUT_MS), server.url]);
        expect(run).toMatchObject({
          code: 0,
          stderr: '',
          stdout: `${PROBE_ANSWERED(server.url, 200)}\n`,
        });
      },
    );
  });
});
