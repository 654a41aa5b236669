import { HealthConfigurationError } from '../errors';
import { INVALID_MODULE_OPTION } from '../health.messages';
import { EXPECTED } from './option.validators';

const PATH_PATTERN = /^[\w\-.~:/]*$/;

/**
 * `'/health/'` and `'health'` mount the same routes; validated here because `forRoot` runs before
 * anything else could report it.
 *
 * @internal
 */
export function normalisePath(path: unknown): string {
  if (typeof path !== 'string' || !PATH_PATTERN.test(path)) {
    throw new HealthConfigurationError(INVALID_MODULE_OPTION('path', EXPECTED.path, path));
  }
  return path.replace(/^\/+|\/+$/g, '');
}
