import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';

/** Comma-separated roles of the test caller, e.g. `x-test-roles: admin,ops`. */
export const TEST_ROLES_HEADER = 'x-test-roles';

interface TestRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: { id: string; roles: string[] };
}

/**
 * Stands in for the application's own auth guard (registered as `APP_GUARD`, so it runs before
 * the details guard): a request carrying `x-test-roles` gets a `request.user` with those roles,
 * any other request stays anonymous.
 */
@Injectable()
export class FakeAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<TestRequest>();
    const header = request.headers[TEST_ROLES_HEADER];
    if (typeof header === 'string') {
      const roles = header
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean);
      request.user = { id: 'test-user', roles };
    }
    return true;
  }
}
