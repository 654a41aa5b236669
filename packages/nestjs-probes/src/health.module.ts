import { type DynamicModule, Module, type NestModule } from '@nestjs/common';
import { DiscoveryModule, ModulesContainer } from '@nestjs/core';
import { AdminRateLimiter } from './controllers/admin-rate.limiter';
import { HealthCheckExplorer } from './checks/health-check.explorer';
import { HealthCheckMetadataAccessor } from './checks/health-check-metadata.accessor';
import { HealthCheckRegistry } from './checks/health-check.registry';
import { HealthCheckScheduler } from './checks/health-check.scheduler';
import { HealthEventsModule } from './events/health-events.module';
import { HealthStatusTracker } from './events/health-status.tracker';
import { HealthAdminGuard } from './guards/health-admin.guard';
import {
  ConfigurableHealthModule,
  type HealthModuleAsyncOptions,
  type HealthModuleSyncOptions,
} from './health.module-definition';
import { HealthConfigurationError } from './errors';
import { HEALTH_MODULE_IMPORTED_TWICE } from './health.messages';
import { resolvedOptionsProvider } from './health.providers';
import { HealthDetailsReporter } from './probes/health-details.reporter';
import { HealthLifecycleWatcher } from './probes/health-lifecycle.watcher';
import { HealthProbeEvaluator } from './probes/health-probe.evaluator';
import { PublicProbeMounter } from './public-probes/public-probe.mounter';
import { PublicProbeResponder } from './public-probes/public-probe.responder';

/**
 * Discovers every `@HealthCheck()` method of the application and serves the liveness, readiness and
 * startup probes under `/{path}` on the HTTP adapter itself (ahead of guards, throttlers and
 * interceptors), and the admin routes (details, events, drain, refresh) as Nest routes.
 *
 * @example
 * ```ts
 * @Module({ imports: [HealthModule.forRoot({ defaults: { ttl: 5000, timeout: 2000 } })] })
 * export class AppModule {}
 * ```
 * @publicApi
 */
@Module({
  imports: [DiscoveryModule, HealthEventsModule],
  providers: [
    resolvedOptionsProvider,
    HealthCheckMetadataAccessor,
    HealthCheckExplorer,
    HealthCheckRegistry,
    HealthCheckScheduler,
    HealthProbeEvaluator,
    HealthDetailsReporter,
    HealthLifecycleWatcher,
    HealthStatusTracker,
    HealthAdminGuard,
    AdminRateLimiter,
    PublicProbeResponder,
    PublicProbeMounter,
  ],
})
export class HealthModule extends ConfigurableHealthModule implements NestModule {
  constructor(
    private readonly publicProbes: PublicProbeMounter,
    modules: ModulesContainer,
  ) {
    super();
    expectSingleModule(modules);
  }

  /**
   * Nest registers middleware here, after the HTTP adapter exists and before any route: the public
   * probes go on the adapter now, ahead of everything Nest adds.
   */
  configure(): void {
    this.publicProbes.mount();
  }

  /** Options given as they are. */
  static override forRoot(options: HealthModuleSyncOptions = {}): DynamicModule {
    return super.forRoot(options);
  }

  /**
   * Options from a factory (`useFactory` + `inject`, `useClass` or `useExisting`); the factory may
   * return `path`. `adminGuard` goes next to it (a class is needed before any factory runs).
   */
  static override forRootAsync(options: HealthModuleAsyncOptions): DynamicModule {
    return super.forRootAsync(options);
  }
}

/**
 * One HealthModule per application. Its checks are discovered application-wide, so a second one
 * (each `forRoot()` call is a module of its own) would run every check and log every transition
 * twice; on one path the first would silently win on Express while Fastify refuses the routes. One
 * definition imported by several modules is one module.
 */
function expectSingleModule(modules: ModulesContainer): void {
  const all = [...modules.values()];
  const health = all.filter((module) => module.metatype === HealthModule);
  if (health.length < 2) return;
  const importers = all
    .filter((module) => health.some((each) => module.imports.has(each)))
    .map((module) => module.metatype?.name ?? '(anonymous)');
  throw new HealthConfigurationError(HEALTH_MODULE_IMPORTED_TWICE(health.length, importers));
}
