import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  PROBE_ANSWERED,
  PROBE_FAILED,
  PROBE_HELP,
  PROBE_INVALID_TIMEOUT,
  PROBE_TIMED_OUT,
  PROBE_UNSUPPORTED_PROTOCOL,
  PROBE_USAGE_ERROR,
} from '../../src/bin/probe.messages';
import {
  answer,
  neverAnswer,
  refusedPort,
  startUpstream,
  type Upstream,
} from '../src/upstream-server.util';

// The built command, as Docker runs it: `npm test` builds first (pretest).
const PROBE = join(__dirname, '..', '..', 'dist', 'bin', 'probe.js');

const TIMEOUT_MS = 300;
const MARGIN_MS = 1000;

interface ProbeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

function runProbe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProbeRun> {
  const { PORT: _ignored, ...inherited } = process.env;
  const startedAt = performance.now();
  const child = spawn(process.execPath, [PROBE, ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - startedAt }),
    );
  });
}

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
    const run = await runProbe(['--timeout', String(TIMEOUT_MS), upstream.url]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
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
