import { type Provider } from '@nestjs/common';
import {
  HEALTH_MODULE_OPTIONS,
  HEALTH_MOUNT_PATH,
  HEALTH_RESOLVED_OPTIONS,
} from './health.constants';
import { type HealthModuleOptions } from './interfaces';
import { resolveModuleOptions } from './options/module-options.resolver';

/**
 * The options with defaults merged and validated, once; everything else injects these.
 *
 * @internal
 */
export const resolvedOptionsProvider: Provider = {
  provide: HEALTH_RESOLVED_OPTIONS,
  // The mount path first: everything that reads the options then finds the routes' path set.
  inject: [HEALTH_MODULE_OPTIONS, HEALTH_MOUNT_PATH],
  useFactory: (options: HealthModuleOptions | undefined) => resolveModuleOptions(options),
};

/**
 * The token of the resolved options, for code that needs them (a custom admin guard).
 *
 * @publicApi
 */
export const getHealthOptionsToken = (): string => HEALTH_RESOLVED_OPTIONS;
