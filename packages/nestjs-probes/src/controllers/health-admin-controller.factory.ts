import {
  type CanActivate,
  Controller,
  Delete,
  type ExecutionContext,
  Get,
  Header,
  HttpCode,
  Inject,
  Injectable,
  Logger,
  type MessageEvent,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  ServiceUnavailableException,
  Sse,
  type Type,
  UseFilters,
  UseGuards,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type ServerResponse } from 'node:http';
import { filter, map, type Observable, takeUntil } from 'rxjs';
import { ForcedRunLimiter } from '../checks/forced-run.limiter';
import { HealthCheckRegistry } from '../checks/health-check.registry';
import { HealthEvents } from '../events/health-events';
import { HealthAdminGuard } from '../guards/health-admin.guard';
import {
  HEALTH_MOUNT_PATH,
  HEALTH_RESOLVED_OPTIONS,
  LOGGER_CONTEXT,
  NO_STORE,
} from '../health.constants';
import { CHECK_REFRESHED, READINESS_DRAINED, READINESS_RESTORED } from '../health.messages';
import { type HealthCheckReport } from '../interfaces';
import { HealthDetailsReporter, toCheckReport } from '../probes/health-details.reporter';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';
import { HealthLifecycleWatcher } from '../probes/health-lifecycle.watcher';
import { probeFormat } from '../public-probes/probe-request';
import {
  componentTypeOfClass,
  HEALTH_JSON_MEDIA_TYPE,
  type HealthJsonComponentType,
  type HealthJsonService,
  toHealthJsonDetails,
} from '../results/health-json.formatter';
import { AdminRateLimitGuard } from './admin-rate-limit.guard';
import { requesterOf } from './requester';
import { HeadedAnswerException, HeadedAnswerFilter } from './headed-answer.filter';

/** The handlers' names: the guard knows each one's exact path by it. */
type AdminHandler = 'details' | 'events' | 'drain' | 'undrain' | 'refresh';

/**
 * Builds the admin controller for one module definition: `details`, `events`, the drain switch and
 * the forced refresh of one check, all behind `adminGuard` (the details access rule). These are Nest
 * routes, since the access rule reads `request.user` as the application's guards set it: they
 * follow the global prefix and are version-neutral. Its path is written by the `HEALTH_MOUNT_PATH`
 * provider, once the options are known. The public probes are not here: see PublicProbeMounter.
 *
 * @internal
 */
export function createHealthAdminController(
  adminGuard: Type<CanActivate> = HealthAdminGuard,
): Type<unknown> {
  /**
   * Express matches routes case-insensitively and with a trailing slash, Fastify decodes `%72`
   * before matching: only the exact path answers, and a variant gets the unknown route's 404 before
   * the access rule could answer 401 or 403 (#9).
   */
  @Injectable()
  class AdminPathGuard implements CanActivate {
    private readonly exact: Record<AdminHandler, RegExp>;

    constructor(
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
      @Inject(HEALTH_MOUNT_PATH) path: string,
    ) {
      const mount = path === '' ? '' : `/${escapeRegExp(path)}`;
      const exactly = (route: string) => new RegExp(`${mount}/${route}$`);
      this.exact = {
        details: exactly('details'),
        events: exactly('events'),
        drain: exactly('drain'),
        undrain: exactly('drain'),
        refresh: exactly('checks/[^/]+/refresh'),
      };
    }

    canActivate(context: ExecutionContext): boolean {
      const http = context.switchToHttp();
      const route = context.getHandler().name as AdminHandler;
      const adapter = this.adapterHost.httpAdapter;
      const request = http.getRequest();
      const url: string = adapter.getRequestUrl(request);
      const query = url.indexOf('?');
      if (!this.exact[route].test(query === -1 ? url : url.slice(0, query)))
        throw new NotFoundException(`Cannot ${adapter.getRequestMethod(request)} ${url}`);
      if (route === 'events') closeSocketWhenDone(http.getResponse());
      return true;
    }
  }

  @Controller({ version: VERSION_NEUTRAL })
  @UseFilters(HeadedAnswerFilter)
  class HealthAdminController {
    private readonly logger = new Logger(LOGGER_CONTEXT);
    private readonly forcedRuns = new ForcedRunLimiter();
    private healthJsonService?: HealthJsonService;

    constructor(
      @Inject(HealthDetailsReporter) private readonly reporter: HealthDetailsReporter,
      @Inject(HealthCheckRegistry) private readonly registry: HealthCheckRegistry,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
      @Inject(HealthEvents) private readonly healthEvents: HealthEvents,
      @Inject(HealthLifecycleWatcher) private readonly lifecycle: HealthLifecycleWatcher,
      @Inject(HEALTH_RESOLVED_OPTIONS) private readonly options: ResolvedHealthOptions,
    ) {}

    /**
     * Every check and probe; `application/health+json` in the draft's full shape when `Accept`
     * asks for it. 503 when readiness is down. May wait on runs up to the checks' own timeouts.
     */
    @Get('details')
    @Header('Cache-Control', NO_STORE)
    @UseGuards(AdminPathGuard, adminGuard, AdminRateLimitGuard)
    async details(
      @Req() request: { headers: Record<string, string | undefined> },
      @Res({ passthrough: true }) response: unknown,
    ): Promise<object> {
      const report = await this.reporter.report();
      if (probeFormat(request.headers.accept) === 'json') {
        if (report.status === 'down') throw new ServiceUnavailableException(report);
        return report;
      }
      const body = toHealthJsonDetails(report, this.service());
      if (report.status === 'down') {
        const headers = { 'Content-Type': HEALTH_JSON_MEDIA_TYPE, Vary: 'Accept' };
        throw new HeadedAnswerException(JSON.stringify(body), 503, headers);
      }
      const adapter = this.adapterHost.httpAdapter;
      adapter.setHeader(response, 'Content-Type', HEALTH_JSON_MEDIA_TYPE);
      adapter.setHeader(response, 'Vary', 'Accept');
      return body;
    }

    /**
     * Server-Sent Events: each status change as it happens. The stream ends when shutdown begins,
     * after the readiness change it causes, so an open stream never holds the server's close.
     */
    @Sse('events')
    @Header('Cache-Control', NO_STORE)
    @UseGuards(AdminPathGuard, adminGuard, AdminRateLimitGuard)
    events(): Observable<MessageEvent> {
      const shutdown$ = this.lifecycle.changed$.pipe(filter(() => this.lifecycle.shuttingDown));
      return this.healthEvents.changes$.pipe(
        takeUntil(shutdown$),
        map((change) => ({ type: 'change', data: change }) as MessageEvent),
      );
    }

    /** Readiness answers 503 (liveness stays as it is) until `DELETE`: maintenance, by hand. */
    @Post('drain')
    @HttpCode(200)
    @Header('Cache-Control', NO_STORE)
    @UseGuards(AdminPathGuard, adminGuard)
    drain(@Req() request: unknown): { draining: boolean } {
      if (this.lifecycle.setDrained(true))
        this.logger.warn(READINESS_DRAINED(requesterOf(request)));
      return { draining: true };
    }

    @Delete('drain')
    @Header('Cache-Control', NO_STORE)
    @UseGuards(AdminPathGuard, adminGuard)
    undrain(@Req() request: unknown): { draining: boolean } {
      if (this.lifecycle.setDrained(false))
        this.logger.log(READINESS_RESTORED(requesterOf(request)));
      return { draining: false };
    }

    /** Runs one check now (a run in flight is shared; once a second at most) and answers it. */
    @Post('checks/:name/refresh')
    @HttpCode(200)
    @Header('Cache-Control', NO_STORE)
    @UseGuards(AdminPathGuard, adminGuard, AdminRateLimitGuard)
    async refresh(
      @Param('name') name: string,
      @Req() request: unknown,
    ): Promise<{ checks: Record<string, HealthCheckReport> }> {
      const runner = this.registry.getAll().find((each) => each.definition.name === name);
      if (runner === undefined) throw new NotFoundException(`No health check is named "${name}"`);
      const result = await this.forcedRuns.run(runner);
      this.logger.log(CHECK_REFRESHED(name, result.status, requesterOf(request)));
      const checks: Record<string, HealthCheckReport> = Object.create(null);
      checks[name] = toCheckReport(runner, result);
      return { checks };
    }

    /** What health+json says of the service, read once: the checks are known by then. */
    private service(): HealthJsonService {
      if (this.healthJsonService) return this.healthJsonService;
      const componentTypes: Record<string, HealthJsonComponentType> = Object.create(null);
      for (const { definition } of this.registry.getAll()) {
        const type = componentTypeOfClass(definition.owner.split('.')[0]);
        if (type !== undefined) componentTypes[definition.name] = type;
      }
      this.healthJsonService = { serviceId: this.options.serviceId, componentTypes };
      return this.healthJsonService;
    }
  }

  return HealthAdminController;
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
