import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { HealthConfigurationError } from '../errors';
import { HEALTH_MOUNT_PATH, HEALTH_RESOLVED_OPTIONS } from '../health.constants';
import { GLOBAL_PREFIX_UNREADABLE, UNSUPPORTED_HTTP_ADAPTER } from '../health.messages';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';
import { type ExpressLike, serveProbesOnExpress } from './express-probe.binding';
import { type FastifyLike, serveProbesOnFastify } from './fastify-probe.binding';
import { PublicProbeResponder } from './public-probe.responder';

/** What Nest keeps of `app.setGlobalPrefix()`; not injectable, so read from the container. */
interface ContainerLike {
  applicationConfig?: { getGlobalPrefix?(): string };
}

/**
 * Serves the public probes on the HTTP adapter itself, ahead of Nest's pipeline: a kubelet is
 * anonymous, so an application's global guard (401), throttler (429) or interceptors must never see
 * its probes. Mounted from `HealthModule.configure()`, when Nest registers middleware: the HTTP
 * adapter exists by then (also for `Test.createTestingModule()`), and so does the global prefix.
 *
 * @internal
 */
@Injectable()
export class PublicProbeMounter {
  constructor(
    private readonly responder: PublicProbeResponder,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @Inject(HEALTH_MOUNT_PATH) private readonly path: string,
    @Inject(HEALTH_RESOLVED_OPTIONS) private readonly options: ResolvedHealthOptions,
  ) {}

  mount(): void {
    const adapter = this.adapterHost.httpAdapter;
    // A microservice or an application context has no HTTP server to serve probes on.
    if (!adapter) return;
    const prefix = this.options.followGlobalPrefix ? this.globalPrefix() : '';
    this.responder.mountAt(joinPath(prefix, this.path));
    const type = adapter.getType();
    if (type === 'express')
      serveProbesOnExpress(adapter.getInstance<ExpressLike>(), this.responder);
    else if (type === 'fastify')
      serveProbesOnFastify(adapter.getInstance<FastifyLike>(), this.responder);
    else throw new HealthConfigurationError(UNSUPPORTED_HTTP_ADAPTER(String(type)));
  }

  private globalPrefix(): string {
    const container = (this.moduleRef as unknown as { container?: ContainerLike }).container;
    const read = container?.applicationConfig?.getGlobalPrefix;
    if (typeof read !== 'function') throw new HealthConfigurationError(GLOBAL_PREFIX_UNREADABLE);
    return read.call(container!.applicationConfig);
  }
}

/** `''` + `health` → `/health`; `/api/` + `health` → `/api/health`; `''` + `''` → `''`. */
function joinPath(prefix: string, path: string): string {
  const segments = [prefix, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}
