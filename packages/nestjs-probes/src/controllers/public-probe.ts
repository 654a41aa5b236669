import { type ExecutionContext } from '@nestjs/common';
import { HEALTH_PUBLIC_PROBE_METADATA } from '../health.constants';

/**
 * Whether the handler is a public health probe that runs inside Nest's pipeline: the gRPC health
 * service's `Check` and `Watch` (in a hybrid app with `inheritAppConfig`, the app's global guards
 * see them). A global authentication guard lets them through with one line. The HTTP probes never
 * reach a guard: they are served on the HTTP adapter, ahead of Nest's pipeline.
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
