import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
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
import { resolvedOptionsProvider } from './health.providers';
import { HealthDetailsReporter } from './probes/health-details.reporter';
import { HealthLifecycleWatcher } from './probes/health-lifecycle.watcher';
import { HealthProbeEvaluator } from './probes/health-probe.evaluator';

/**
 * Discovers every `@HealthCheck()` method of the application and serves the liveness, readiness,
 * startup and (admin-only) details probes under `/{path}`.
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
  ],
})
export class HealthModule extends ConfigurableHealthModule {
  /** Options given as they are. */
  static override forRoot(options: HealthModuleSyncOptions = {}): DynamicModule {
    return super.forRoot(options);
  }

  /**
   * Options from a factory (`useFactory` + `inject`, `useClass` or `useExisting`). `path` and
   * `adminGuard` go next to the factory, since routes are mounted before factories run.
   */
  static override forRootAsync(options: HealthModuleAsyncOptions): DynamicModule {
    return super.forRootAsync(options);
  }
}
