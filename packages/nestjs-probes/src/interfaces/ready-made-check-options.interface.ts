import { type ModuleMetadata } from '@nestjs/common';
import { type HealthCheckOptions } from './health-check-options.interface';

/**
 * What every ready-made check's `register()` accepts besides its own options: the `@HealthCheck()`
 * options of the registration (every key of `HealthCheckOptions`), and the modules that export what
 * the check injects.
 *
 * @publicApi
 */
export interface ReadyMadeCheckOptions extends HealthCheckOptions {
  /**
   * Modules exporting the dependency the check injects (the app's ioredis client, say), when it is
   * not global.
   * @default []
   */
  imports?: ModuleMetadata['imports'];
}
