/**
 * Thrown while the application bootstraps when `HealthModule` or a `@HealthCheck()` is misused
 * (duplicate name, invalid option, check on a request-scoped provider...). `app.init()` rejects with it.
 *
 * @publicApi
 */
export class HealthConfigurationError extends Error {
  readonly code = 'HEALTH_ERR_CONFIG';
  override readonly name = 'HealthConfigurationError';
}
