import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Header,
  Inject,
  Injectable,
  NotFoundException,
  Req,
  UseFilters,
  SetMetadata,
  Sse,
  type MessageEvent,
  type Type,
  UseGuards,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type ServerResponse } from 'node:http';
import { filter, map, type Observable, takeUntil } from 'rxjs';
import { HealthEvents } from '../events/health-events';
import { HealthDetailsReporter } from '../probes/health-details.reporter';
import { HealthLifecycleWatcher } from '../probes/health-lifecycle.watcher';
import { HealthProbeEvaluator } from '../probes/health-probe.evaluator';
import { HEALTH_PUBLIC_PROBE_METADATA, NO_STORE } from '../health.constants';
import { HealthAdminGuard } from '../guards/health-admin.guard';
import { type HealthDetailsReport } from '../interfaces';
import { type ProbeBody, toProbeBody, toDetailsBody } from './probe-response';
import { ProbeUnavailableFilter } from './probe-unavailable.filter';

/**
 * Builds the probe controller for one module definition, mounted on `path`, its details endpoint
 * behind `adminGuard`.
 * Answers are built from constants; only the details endpoint builds a report per request.
 *
 * @internal
 */
export function createHealthController(
  path: string,
  adminGuard: Type<CanActivate> = HealthAdminGuard,
): Type<unknown> {
  const mount = path === '' ? '' : `/${path}`;
  const [LIVE, READY, STARTUP, DETAILS, EVENTS] = [
    'live',
    'ready',
    'startup',
    'details',
    'events',
  ].map((route) => `${mount}/${route}`);

  /** A variant of an admin path is a 404 before the access rule could answer 401 or 403. */
  @Injectable()
  class AdminPathGuard implements CanActivate {
    constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

    canActivate(context: ExecutionContext): boolean {
      const http = context.switchToHttp();
      const isStream = context.getHandler().name === 'events';
      expectExactPath(this.adapterHost, http.getRequest(), isStream ? EVENTS : DETAILS);
      if (isStream) closeSocketWhenDone(http.getResponse());
      return true;
    }
  }
  @Controller(path)
  @UseFilters(ProbeUnavailableFilter)
  class HealthController {
    constructor(
      @Inject(HealthProbeEvaluator) private readonly evaluator: HealthProbeEvaluator,
      @Inject(HealthDetailsReporter) private readonly reporter: HealthDetailsReporter,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
      @Inject(HealthEvents) private readonly healthEvents: HealthEvents,
      @Inject(HealthLifecycleWatcher) private readonly lifecycle: HealthLifecycleWatcher,
    ) {}

    @Get('live')
    @Header('Cache-Control', NO_STORE)
    @SetMetadata(HEALTH_PUBLIC_PROBE_METADATA, true)
    live(@Req() request: unknown): ProbeBody | Promise<ProbeBody> {
      this.expectExactPath(request, LIVE);
      return toProbeBody(this.evaluator.liveness());
    }

    @Get('ready')
    @Header('Cache-Control', NO_STORE)
    @SetMetadata(HEALTH_PUBLIC_PROBE_METADATA, true)
    ready(@Req() request: unknown): ProbeBody | Promise<ProbeBody> {
      this.expectExactPath(request, READY);
      return toProbeBody(this.evaluator.readiness(), this.readinessRetryAfter);
    }

    @Get('startup')
    @Header('Cache-Control', NO_STORE)
    @SetMetadata(HEALTH_PUBLIC_PROBE_METADATA, true)
    startup(@Req() request: unknown): ProbeBody | Promise<ProbeBody> {
      this.expectExactPath(request, STARTUP);
      return toProbeBody(this.evaluator.startup(), this.startupRetryAfter);
    }

    /** May wait on runs up to the checks' own timeouts: `probeTimeout` bounds the probes only. */
    @Get('details')
    @Header('Cache-Control', NO_STORE)
    @UseGuards(AdminPathGuard, adminGuard)
    details(): Promise<HealthDetailsReport> {
      return this.reporter.report().then(toDetailsBody);
    }

    /**
     * Server-Sent Events: each status change as it happens, under the details access rule. The
     * stream ends when shutdown begins, after the readiness change it causes, so an open stream
     * never holds the server's close.
     */
    @Sse('events')
    @Header('Cache-Control', NO_STORE)
    @UseGuards(AdminPathGuard, adminGuard)
    events(): Observable<MessageEvent> {
      const shutdown$ = this.lifecycle.changed$.pipe(filter(() => this.lifecycle.shuttingDown));
      return this.healthEvents.changes$.pipe(
        takeUntil(shutdown$),
        map((change) => ({ type: 'change', data: change }) as MessageEvent),
      );
    }

    // Built once: read only on the 503 path.
    private readonly readinessRetryAfter = () => this.evaluator.retryAfterSeconds('readiness');
    private readonly startupRetryAfter = () => this.evaluator.retryAfterSeconds('startup');

    /**
     * Express matches routes case-insensitively and with a trailing slash, Fastify decodes `%72` before
     * matching: each would answer a probe path the other refuses (#9). Only the exact path answers,
     * on both; a variant gets the same 404 as any unknown route.
     */
    private expectExactPath(request: unknown, route: string): void {
      expectExactPath(this.adapterHost, request, route);
    }
  }

  return HealthController;
}

/**
 * Nest answers an event stream with `Connection: keep-alive`: once it ends at shutdown, its idle
 * socket would hold the server's close until the keep-alive timeout. A stream's socket is never
 * worth reusing, so it is ended with the stream.
 */
function closeSocketWhenDone(response: { raw?: ServerResponse } | ServerResponse): void {
  const raw = 'raw' in response && response.raw ? response.raw : (response as ServerResponse);
  // Node detaches the socket from the response as it finishes: keep hold of it first.
  const socket = raw.socket;
  raw.once('finish', () => socket?.end());
}

function expectExactPath(adapterHost: HttpAdapterHost, request: unknown, route: string): void {
  const adapter = adapterHost.httpAdapter;
  const url: string = adapter.getRequestUrl(request);
  const query = url.indexOf('?');
  if ((query === -1 ? url : url.slice(0, query)).endsWith(route)) return;
  throw new NotFoundException(`Cannot ${adapter.getRequestMethod(request)} ${url}`);
}
