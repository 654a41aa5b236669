import { Reflector } from '@nestjs/core';
import { PUBLIC_METADATA_KEY } from './auth.constants';

/**
 * Takes a handler or a whole controller out of `JwtAuthGuard`, as the public health probes are:
 * the `Authorization` header is not read (a scraper holding a stale or foreign token is not
 * refused) and `request.user` stays unset. For endpoints that anonymous infrastructure calls, such
 * as `/metrics`; keep such a route off the public ingress.
 *
 * Fails closed: `@Roles()` on the same handler or controller wins over `@Public()`, and a handler's
 * `@Roles()` wins over its controller's `@Public()` (a handler's `@Public()` wins over its
 * controller's `@Roles()`).
 *
 * @example `@Public()`
 * @publicApi
 */
export const Public = Reflector.createDecorator<void, true>({
  key: PUBLIC_METADATA_KEY,
  transform: () => true,
});
