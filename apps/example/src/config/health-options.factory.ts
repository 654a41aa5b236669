import { type ConfigService } from '@nestjs/config';
import { type HealthModuleOptions } from 'nestjs-probes';
import { type Environment } from './environment';

/** `HealthModule.forRootAsync`'s factory: probe timings from the environment. */
export function createHealthOptions(config: ConfigService<Environment, true>): HealthModuleOptions {
  return {
    defaults: { ttl: config.get('HEALTH_TTL_MS', { infer: true }), timeout: 1_000 },
    probeTimeout: config.get('PROBE_TIMEOUT_MS', { infer: true }),
    shutdown: { drainDelay: config.get('SHUTDOWN_DRAIN_MS', { infer: true }) },
    details: { roles: ['admin'] },
    // `npm start` runs from the monorepo's root: npm's package name there is not this service's.
    serviceId: 'orders-api',
  };
}
