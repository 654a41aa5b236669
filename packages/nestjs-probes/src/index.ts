export { isPublicHealthProbe } from './controllers/public-probe.util';
export * from './decorators';
export * from './errors';
export { HealthAdminGuard } from './guards/health-admin.guard';
export { HealthModule } from './health.module';
export { getHealthOptionsToken } from './health.providers';
export * from './interfaces';
export {
  degraded,
  down,
  type HealthCheckDegraded,
  type HealthCheckDown,
} from './utils/health-status.util';
