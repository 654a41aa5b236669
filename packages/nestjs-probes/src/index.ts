export { isPublicHealthProbe } from './controllers/public-probe';
export * from './decorators';
export * from './errors';
export { HealthEvents } from './events/health-events';
export {
  type HealthCheckRun,
  type HealthSnapshot,
  type HealthStatusChange,
} from './events/health-status-change.interface';
export { HealthAdminGuard } from './guards/health-admin.guard';
export {
  type HealthModuleAsyncOptions,
  type HealthModuleExtras,
  type HealthModuleSyncOptions,
} from './health.module-definition';
export { HealthModule } from './health.module';
export { getHealthOptionsToken } from './health.providers';
export * from './interfaces';
export {
  type ResolvedHealthOptions,
  type RolesReading,
} from './options/resolved-health-options.interface';
export {
  degraded,
  down,
  type HealthCheckDegraded,
  type HealthCheckDown,
} from './results/health-status';
