export * from './decorators';
export * from './errors';
export { HealthAdminGuard } from './guards/health-admin.guard';
export { HealthModule } from './health.module';
export { getHealthOptionsToken } from './health.providers';
export * from './interfaces';
export { degraded, type HealthCheckDegraded } from './utils/health-status.util';
