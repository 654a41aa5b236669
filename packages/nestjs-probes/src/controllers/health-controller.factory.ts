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
  SetMetadata,
  type Type,
  UseGuards,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HealthDetailsReporter } from '../probes/health-details.reporter';
import { HealthProbeEvaluator } from '../probes/health-probe.evaluator';
import { HEALTH_PUBLIC_PROBE_METADATA, NO_STORE } from '../health.constants';
import { HealthAdminGuard } from '../guards/health-admin.guard';
import { type HealthDetailsReport } from '../interfaces';
import { type ProbeBody, toProbeBody, toDetailsBody } from './probe-response';

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
  const [LIVE, READY, STARTUP, DETAILS] = ['live', 'ready', 'startup', 'details'].map(
    (route) => `${mount}/${route}`,
  );

  /** A variant of the details path is a 404 before the access rule could answer 401 or 403. */
  @Injectable()
  class DetailsPathGuard implements CanActivate {
    constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

    canActivate(context: ExecutionContext): boolean {
      expectExactPath(this.adapterHost, context.switchToHttp().getRequest(), DETAILS);
      return true;
    }
  }
  @Controller(path)
  class HealthController {
    constructor(
      @Inject(HealthProbeEvaluator) private readonly evaluator: HealthProbeEvaluator,
      @Inject(HealthDetailsReporter) private readonly reporter: HealthDetailsReporter,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
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
      return toProbeBody(this.evaluator.readiness());
    }

    @Get('startup')
    @Header('Cache-Control', NO_STORE)
    @SetMetadata(HEALTH_PUBLIC_PROBE_METADATA, true)
    startup(@Req() request: unknown): ProbeBody | Promise<ProbeBody> {
      this.expectExactPath(request, STARTUP);
      return toProbeBody(this.evaluator.startup());
    }

    @Get('details')
    @Header('Cache-Control', NO_STORE)
    @UseGuards(DetailsPathGuard, adminGuard)
    details(): Promise<HealthDetailsReport> {
      return this.reporter.report().then(toDetailsBody);
    }

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

function expectExactPath(adapterHost: HttpAdapterHost, request: unknown, route: string): void {
  const adapter = adapterHost.httpAdapter;
  const url: string = adapter.getRequestUrl(request);
  const query = url.indexOf('?');
  if ((query === -1 ? url : url.slice(0, query)).endsWith(route)) return;
  throw new NotFoundException(`Cannot ${adapter.getRequestMethod(request)} ${url}`);
}
