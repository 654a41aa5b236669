import { Reflector } from '@nestjs/core';
import { HEALTH_CHECK_METADATA } from '../health.constants';
import { type HealthCheckOptions } from '../interfaces';

/**
 * Marks a method of a singleton provider as a health check. At bootstrap `HealthModule` discovers it
 * in every module of the application and serves it through the probe given by `probe`
 * (default `'readiness'`).
 *
 * The method receives an `AbortSignal`, aborted at `timeout`. It reports `up` by returning nothing
 * or a plain object of details, `degraded` by returning `degraded(reason, details?)`, and `down` by
 * throwing or rejecting. A `@nestjs/terminus` `HealthIndicatorResult` is read by its `status`.
 *
 * Options are validated at bootstrap: `app.init()` fails with a message naming the class, method and
 * option.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class DatabaseHealth {
 *   constructor(private readonly db: DataSource) {}
 *
 *   @HealthCheck({ name: 'database', timeout: 1000 })
 *   async ping(signal: AbortSignal) {
 *     await this.db.query('SELECT 1');
 *   }
 * }
 * ```
 * @publicApi
 */
export const HealthCheck = Reflector.createDecorator<HealthCheckOptions | void, unknown>({
  key: HEALTH_CHECK_METADATA,
  // Kept as given: validation needs the class and method names, known only at discovery.
  transform: (options) => options ?? {},
});
