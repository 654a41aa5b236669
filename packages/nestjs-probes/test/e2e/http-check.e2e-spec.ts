import { type INestApplication } from '@nestjs/common';
import { HealthConfigurationError } from 'nestjs-probes';
import { HttpHealthModule, type HttpHealthOptions } from 'nestjs-probes/http';
import { refusedPort } from '@internal/test-servers';
import { CHECK_TIMED_OUT } from '../../src/health.messages';
import { HTTP_EXPECTED } from '../../src/http/http-health.validation';
import { HTTP_UNEXPECTED_STATUS } from '../../src/http/http.messages';
import { INVALID_READY_MADE_OPTION } from '../../src/ready-made/ready-made.messages';
import { AppModule } from '../src/app.module';
import { ADAPTERS, bootstrap, probe, failOnUnhandledRejections } from '../src/test-app.util';
import { answer, neverAnswer, startUpstream, type Upstream } from '../src/upstream-server.util';

const TOKEN = 'Bearer e2e-s3cret-token';

const withHttpChecks = (...checks: HttpHealthOptions[]) =>
  AppModule.registerChecks(
    [],
    {},
    checks.map((check) => HttpHealthModule.register({ ttl: 0, ...check })),
  );

describe.each(ADAPTERS)('HttpHealthModule against a real HTTP server (%s)', (adapter) => {
  let app: INestApplication | undefined;
  let upstream: Upstream;

  beforeEach(async () => {
    upstream = await startUpstream();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await upstream.stop();
  });
  failOnUnhandledRejections();

  const details = async () => (await probe(app!, '/health/details', 'admin')).body;

  it('is up on a 2xx with status and latency, sending the method and headers given', async () => {
    app = await bootstrap(
      adapter,
      withHttpChecks({ url: upstream.url, method: 'POST', headers: { authorization: TOKEN } }),
    );
    await probe(app, '/health/ready').expect(200, { status: 'up' });
    const report = await details();
    expect(report.checks.http).toMatchObject({
      status: 'up',
      details: { statusCode: 200, latencyMs: expect.any(Number) },
    });
    expect(Object.keys(report.checks.http.details)).toEqual(['statusCode', 'latencyMs']);
    expect(upstream.requests[0]).toMatchObject({
      method: 'POST',
      url: '/health',
      headers: expect.objectContaining({ authorization: TOKEN }),
    });
    const shown = JSON.stringify(report);
    for (const secret of ['e2e-s3cret-token', String(upstream.port), '127.0.0.1']) {
      expect(shown).not.toContain(secret);
    }
  });

  it('is down on a 500: readiness 503 when critical, 200 degraded when not, liveness 200', async () => {
    upstream.handler = answer(500, 'boom');
    app = await bootstrap(
      adapter,
      withHttpChecks(
        { url: upstream.url, name: 'payments' },
        { url: upstream.url, name: 'search', critical: false },
      ),
    );
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    await probe(app, '/health/live').expect(200, { status: 'up' });
    const { checks } = await details();
    for (const name of ['payments', 'search']) {
      expect(checks[name]).toMatchObject({
        status: 'down',
        error: HTTP_UNEXPECTED_STATUS(500, [200, 299]),
        details: { statusCode: 500, latencyMs: expect.any(Number) },
      });
    }
    await app.close();
    app = await bootstrap(adapter, withHttpChecks({ url: upstream.url, critical: false }));
    await probe(app, '/health/ready').expect(200, { status: 'degraded' });
  });

  it('compares a redirect with the expected status instead of following it', async () => {
    upstream.handler = (_request, response) => {
      response.writeHead(302, { location: '/elsewhere' }).end();
    };
    app = await bootstrap(adapter, withHttpChecks({ url: upstream.url }));
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    expect((await details()).checks.http.error).toBe(HTTP_UNEXPECTED_STATUS(302, [200, 299]));
    expect(upstream.requests.map((request) => request.url)).toEqual(['/health', '/health']);
  });

  it('accepts the status range given', async () => {
    upstream.handler = answer(204);
    app = await bootstrap(adapter, withHttpChecks({ url: upstream.url, expectedStatus: 204 }));
    await probe(app, '/health/ready').expect(200, { status: 'up' });
  });

  it('is down within the timeout when the server never answers, and closes the socket', async () => {
    upstream.handler = neverAnswer;
    app = await bootstrap(adapter, withHttpChecks({ url: upstream.url, timeout: 300 }));
    const startedAt = performance.now();
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    expect(performance.now() - startedAt).toBeLessThan(1500);
    await upstream.closed(0);
    expect(upstream.sockets[0].destroyed).toBe(true);
    expect((await details()).checks.http.error).toContain(CHECK_TIMED_OUT(300));
  });

  it('is down within the timeout when the body never ends, and closes the socket', async () => {
    upstream.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).write('partial');
    };
    app = await bootstrap(adapter, withHttpChecks({ url: upstream.url, timeout: 300 }));
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    await upstream.closed(0);
    expect((await details()).checks.http.error).toContain(CHECK_TIMED_OUT(300));
  });

  it('reuses one keep-alive connection across runs, the body read each time', async () => {
    upstream.handler = answer(200, 'x'.repeat(32 * 1024));
    app = await bootstrap(adapter, withHttpChecks({ url: upstream.url }));
    for (let i = 0; i < 4; i++) await probe(app, '/health/ready').expect(200);
    expect(upstream.requests).toHaveLength(4);
    expect(upstream.sockets).toHaveLength(1);
  });

  it('is down on a refused connection, saying so without host or port', async () => {
    const port = await refusedPort();
    app = await bootstrap(adapter, withHttpChecks({ url: `http://127.0.0.1:${port}/health` }));
    await probe(app, '/health/ready').expect(503, { status: 'down' });
    await probe(app, '/health/live').expect(200, { status: 'up' });
    const check = (await details()).checks.http;
    expect(check.status).toBe('down');
    expect(check.error).toContain('ECONNREFUSED');
    expect(check.error).not.toContain('127.0.0.1');
    expect(check.error).not.toContain(String(port));
  });

  it('runs two registrations under their own names', async () => {
    const other = await startUpstream(answer(503));
    try {
      app = await bootstrap(
        adapter,
        withHttpChecks(
          { url: upstream.url, name: 'billing' },
          { url: other.url, name: 'mailer', critical: false },
        ),
      );
      await probe(app, '/health/ready').expect(200, { status: 'degraded' });
      const { checks } = await details();
      expect(checks.billing).toMatchObject({ status: 'up', critical: true });
      expect(checks.mailer).toMatchObject({ status: 'down', critical: false });
    } finally {
      await app?.close();
      app = undefined;
      await other.stop();
    }
  });
});

describe('HttpHealthModule options', () => {
  it('fails bootstrap without a url, naming module, class and option', async () => {
    const error = await bootstrap(
      'express',
      withHttpChecks({ url: undefined as never, name: 'upstream' }),
    ).then(
      async (app) => {
        await app.close();
        return undefined;
      },
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect((error as Error).message).toBe(
      INVALID_READY_MADE_OPTION(
        'HttpHealthModule',
        'HttpHealthCheck',
        'url',
        HTTP_EXPECTED.url,
        undefined,
      ),
    );
  });
});
