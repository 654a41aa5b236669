import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthAdminGuard } from './guards/health-admin.guard';
import { HealthCheckMetadataAccessor } from './health-check-metadata.accessor';
import { HealthCheckExecutor } from './health-check.executor';
import { HealthCheckExplorer } from './health-check.explorer';
import { HealthCheckRegistry } from './health-check.registry';
import { HealthCheckScheduler } from './health-check.scheduler';
import { HealthLifecycleWatcher } from './health-lifecycle.watcher';
import {
  ConfigurableHealthModule,
  HEALTH_ASYNC_OPTIONS_TYPE,
  HEALTH_OPTIONS_TYPE,
} from './health.module-definition';
import { resolvedOptionsProvider } from './health.providers';

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
  imports: [DiscoveryModule],
  providers: [
    resolvedOptionsProvider,
    HealthCheckMetadataAccessor,
    HealthCheckExplorer,
    HealthCheckRegistry,
    HealthCheckExecutor,
    HealthCheckScheduler,
    HealthLifecycleWatcher,
    HealthAdminGuard,
  ],
})
export class HealthModule extends ConfigurableHealthModule {
  /** Options given as they are. */
  static override forRoot(options: typeof HEALTH_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  /**
   * Options from a factory (`useFactory` + `inject`, `useClass` or `useExisting`). `path` goes next
   * to the factory, since routes are mounted before factories run.
   */
  static override forRootAsync(options: typeof HEALTH_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
