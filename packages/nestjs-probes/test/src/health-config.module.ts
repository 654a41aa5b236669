import { Injectable, Module } from '@nestjs/common';
import { type HealthModuleOptions, type HealthOptionsFactory } from 'nestjs-probes';

/** Options that could only come from configuration: visible in every answer they change. */
export const CONFIGURED_OPTIONS: HealthModuleOptions = {
  defaults: { critical: false },
  details: { roles: ['ops'] },
  version: '9.9.9',
};

/** Stands in for a config service; also usable as a `useClass` / `useExisting` options factory. */
@Injectable()
export class HealthConfigService implements HealthOptionsFactory {
  async createHealthOptions(): Promise<HealthModuleOptions> {
    return CONFIGURED_OPTIONS;
  }
}

/** Where the health routes go, as a config service would know it. */
@Injectable()
export class HealthPathConfig {
  readonly healthPath = 'from-config';
}

@Module({
  providers: [HealthConfigService, HealthPathConfig],
  exports: [HealthConfigService, HealthPathConfig],
})
export class HealthConfigModule {}
