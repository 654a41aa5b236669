import { type ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { type HttpAdapterHost } from '@nestjs/core';
import { type HealthModuleOptions } from '../interfaces';
import { resolveModuleOptions } from '../utils/resolve-module-options.util';
import { HealthAdminGuard } from './health-admin.guard';

const response = { marker: 'response' };

function setup(details?: HealthModuleOptions['details']) {
  const setHeader = jest.fn();
  const adapterHost = {
    httpAdapter: { setHeader },
  } as unknown as HttpAdapterHost;
  const options = resolveModuleOptions({ details, version: '1.0.0' }, 'health');
  const guard = new HealthAdminGuard(options, adapterHost);
  const context = (request: unknown) =>
    ({
      switchToHttp: () => ({
        getRequest: () => request,
        getResponse: () => response,
      }),
    }) as unknown as ExecutionContext;
  return { guard, setHeader, context, options, adapterHost };
}

describe('HealthAdminGuard', () => {
  it('rejects a request without a user with 401', () => {
    const { guard, context } = setup();
    expect(() => guard.canActivate(context({}))).toThrow(UnauthorizedException);
  });

  it('rejects a user without a required role with 403', () => {
    const { guard, context } = setup();
    expect(() => guard.canActivate(context({ user: { roles: ['viewer'] } }))).toThrow(
      ForbiddenException,
    );
    expect(() => guard.canActivate(context({ user: {} }))).toThrow(ForbiddenException);
  });

  it('lets in a user with the default admin role', () => {
    const { guard, context } = setup();
    expect(guard.canActivate(context({ user: { roles: ['viewer', 'admin'] } }))).toBe(true);
  });

  it('lets in a user with any one of the required roles', () => {
    const { guard, context } = setup({ roles: ['ops', 'sre'] });
    expect(guard.canActivate(context({ user: { roles: ['sre'] } }))).toBe(true);
    expect(() => guard.canActivate(context({ user: { roles: ['admin'] } }))).toThrow(
      ForbiddenException,
    );
  });

  it('reads roles through the configured rolesOf', () => {
    const rolesOf = jest.fn((request: { headers: Record<string, string> }) =>
      request.headers['x-roles']?.split(','),
    );
    const { guard, context } = setup({ rolesOf });
    const request = { headers: { 'x-roles': 'reader,admin' } };
    expect(guard.canActivate(context(request))).toBe(true);
    expect(rolesOf).toHaveBeenCalledWith(request);
    expect(() => guard.canActivate(context({ headers: {} }))).toThrow(UnauthorizedException);
    expect(() => guard.canActivate(context({ headers: { 'x-roles': 'reader' } }))).toThrow(
      ForbiddenException,
    );
  });

  it.each([
    ['a 401', {}],
    ['a 403', { user: { roles: [] } }],
    ['a success', { user: { roles: ['admin'] } }],
  ])('sets Cache-Control: no-store on the response before %s', (_case, request) => {
    const { guard, context, setHeader } = setup();
    try {
      guard.canActivate(context(request));
    } catch {
      // the header must be set whether or not the guard lets the request in
    }
    expect(setHeader).toHaveBeenCalledWith(response, 'Cache-Control', 'no-store');
  });

  it('can be subclassed to change the role rule', () => {
    class AllRolesGuard extends HealthAdminGuard {
      protected override hasRequiredRole(roles: readonly string[]): boolean {
        return this.options.details.roles.every((role) => roles.includes(role));
      }
    }
    const { context, options, adapterHost } = setup({ roles: ['ops', 'sre'] });
    const guard = new AllRolesGuard(options, adapterHost);
    expect(() => guard.canActivate(context({ user: { roles: ['ops'] } }))).toThrow(
      ForbiddenException,
    );
    expect(guard.canActivate(context({ user: { roles: ['ops', 'sre'] } }))).toBe(true);
  });

  it('can be subclassed to read roles another way', () => {
    class HeaderGuard extends HealthAdminGuard {
      protected override getRoles(request: { token?: string }): readonly string[] | undefined {
        return request.token === 'let-me-in' ? ['admin'] : undefined;
      }
    }
    const { context, options, adapterHost } = setup();
    const guard = new HeaderGuard(options, adapterHost);
    expect(guard.canActivate(context({ token: 'let-me-in' }))).toBe(true);
    expect(() => guard.canActivate(context({ user: { roles: ['admin'] } }))).toThrow(
      UnauthorizedException,
    );
  });
});
