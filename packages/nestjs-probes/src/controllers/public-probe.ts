import { type ExecutionContext } from '@nestjs/common';
import { HEALTH_PUBLIC_PROBE_METADATA } from '../health.constants';

/**
 * Whether the request is for one of the public probes (`live`, `ready`, `startup`), which must
 * answer an anonymous orchestrator whatever credentials the request carries. A global
 * authentication guard lets them through with one line; `details` is not one of them and still
 * goes through the guard, since its access rule reads `request.user`.
 *
 * @example
 * ```ts
 * canActivate(context: ExecutionContext) {
 *   if (isPublicHealthProbe(context)) return true;
 *   // ...authenticate
 * }
 * ```
 * @publicApi
 */
export function isPublicHealthProbe(context: ExecutionContext): boolean {
  return Reflect.getMetadata(HEALTH_PUBLIC_PROBE_METADATA, context.getHandler()) === true;
}
