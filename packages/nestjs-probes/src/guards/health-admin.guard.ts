import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HEALTH_RESOLVED_OPTIONS, NO_STORE } from '../health.constants';
import { type ResolvedHealthOptions } from '../utils/resolve-module-options.util';

/**
 * Lets a caller read the details endpoint only when `details.rolesOf(request)` holds one of
 * `details.roles`: 401 when it says unauthenticated (`undefined`), 403 when no role matches.
 * Subclass and override the protected hooks to change the rule.
 *
 * @publicApi
 */
@Injectable()
export class HealthAdminGuard implements CanActivate {
  constructor(
    @Inject(HEALTH_RESOLVED_OPTIONS) protected readonly options: ResolvedHealthOptions,
    @Inject(HttpAdapterHost) protected readonly adapterHost: HttpAdapterHost,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    // Guards run before @Header() is applied: a 401/403 must not be cached either.
    this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'Cache-Control', NO_STORE);
    const roles = this.getRoles(http.getRequest());
    if (roles === undefined) throw new UnauthorizedException();
    if (!this.hasRequiredRole(roles)) throw new ForbiddenException();
    return true;
  }

  /** The caller's roles, or `undefined` when the caller is not authenticated. */
  protected getRoles(request: unknown): readonly string[] | undefined {
    return this.options.details.rolesOf(request);
  }

  protected hasRequiredRole(roles: readonly string[]): boolean {
    return this.options.details.roles.some((role) => roles.includes(role));
  }
}
