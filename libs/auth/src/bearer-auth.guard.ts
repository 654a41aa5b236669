import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ADMIN_ROLES, ADMIN_TOKEN } from './auth.constants';
import { tokensMatch } from './admin-token';

/**
 * Authentication only: a request bearing the admin token gets `request.user = { roles: ['admin'] }`.
 * Every request passes; authorisation is left to the routes (e.g. the health details guard).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(@Inject(ADMIN_TOKEN) private readonly adminToken: string) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match && tokensMatch(match[1], this.adminToken)) {
      request.user = { id: 'local-admin', roles: [...ADMIN_ROLES] };
    }
    return true;
  }
}
