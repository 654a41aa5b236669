import {
  type ExecutionContext,
  ForbiddenException,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { type HttpAdapterHost } from '@nestjs/core';
import { ROLES_OF_FAILED, ROLES_OF_NOT_AN_ARRAY } from '../health.messages';
import { type HealthModuleOptions } from '../interfaces';
import { describeError } from '../redaction/error.describer';
import { resolveModuleOptions } from '../options/module-options.resolver';
import { HealthAdminGuard } from './health-admin.guard';

const response = { marker: 'response' };

function setup(details?: HealthModuleOptions['details']) {
  const setHeader = jest.fn();
  const adapterHost = {
    httpAdapter: { setHeader },
  } as unknown as HttpAdapterHost;
  const options = resolveModuleOptions({ details, version: '1.0.0' });
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

  describe('a rolesOf that answers something other than an array of roles', () => {
    let warn: jest.SpyInstance;
    const failure = new Error('role directory unavailable');
    const rolesAnswering = (answer: () => unknown) =>
      setup({ rolesOf: answer as NonNullable<HealthModuleOptions['details']>['rolesOf'] });

    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => warn.mockRestore());

    it.each<[string, unknown]>([
      ['a string holding a role as a substring', 'superadmin'],
      ['a string holding "admin" after a prefix', 'not-an-admin'],
      ['the exact role as a string', 'admin'],
      ['a Set', new Set(['admin'])],
      ['a number', 1],
      ['true', true],
      ['an object', { roles: ['admin'] }],
    ])('answers 403 to %s, warning about it', (_case, answer) => {
      const { guard, context } = rolesAnswering(() => answer);
      expect(() => guard.canActivate(context({}))).toThrow(ForbiddenException);
      expect(warn).toHaveBeenCalledWith(ROLES_OF_NOT_AN_ARRAY(answer));
    });

    it('answers 401 to null, like undefined, without a warning', () => {
      const { guard, context } = rolesAnswering(() => null);
      expect(() => guard.canActivate(context({}))).toThrow(UnauthorizedException);
      expect(warn).not.toHaveBeenCalled();
    });

    it('answers 401 when rolesOf throws, warning with the redacted reason', () => {
      const error = new Error('lookup failed: password=hunter2');
      const { guard, context } = rolesAnswering(() => {
        throw error;
      });
      expect(() => guard.canActivate(context({}))).toThrow(UnauthorizedException);
      expect(warn).toHaveBeenCalledWith(ROLES_OF_FAILED(describeError(error)));
      expect(warn.mock.calls[0][0]).not.toContain('hunter2');
    });

    it('matches whole roles only, counting the string entries', () => {
      const roles = (answer: unknown[]) => rolesAnswering(() => answer);
      const { guard, context } = roles([42, null, { role: 'admin' }, 'admin']);
      expect(guard.canActivate(context({}))).toBe(true);
      for (const answer of [['superadmin'], ['ADMIN'], ['admin '], [['admin']], [42]]) {
        const refused = roles(answer);
        expect(() => refused.guard.canActivate(refused.context({}))).toThrow(ForbiddenException);
      }
      expect(warn).not.toHaveBeenCalled();
    });

    it('warns once per guard, whatever goes wrong and however often', () => {
      let answer: () => unknown = () => 'superadmin';
      const { guard, context, options, adapterHost } = rolesAnswering(() => answer());
      for (let i = 0; i < 3; i++) expect(() => guard.canActivate(context({}))).toThrow();
      answer = () => {
        throw failure;
      };
      expect(() => guard.canActivate(context({}))).toThrow(UnauthorizedException);
      expect(warn.mock.calls).toEqual([[ROLES_OF_NOT_AN_ARRAY('superadmin')]]);

      const other = new HealthAdminGuard(options, adapterHost);
      expect(() => other.canActivate(context({}))).toThrow(UnauthorizedException);
      expect(warn).toHaveBeenLastCalledWith(ROLES_OF_FAILED(describeError(failure)));
    });
  });

  describe('an async rolesOf', () => {
    let warn: jest.SpyInstance;
    const rolesResolving = (answer: () => Promise<unknown>) =>
      setup({ rolesOf: answer as NonNullable<HealthModuleOptions['details']>['rolesOf'] });

    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => warn.mockRestore());

    it('is awaited: a required role lets the caller in', async () => {
      const { guard, context } = rolesResolving(async () => ['viewer', 'admin']);
      await expect(guard.canActivate(context({}))).resolves.toBe(true);
    });

    it.each<[string, unknown, new () => Error]>([
      ['undefined', undefined, UnauthorizedException],
      ['null', null, UnauthorizedException],
      ['no required role', ['viewer'], ForbiddenException],
      ['a string', 'superadmin', ForbiddenException],
    ])('refuses a promise of %s', async (_case, answer, refusal) => {
      const { guard, context } = rolesResolving(async () => answer);
      await expect(guard.canActivate(context({}))).rejects.toBeInstanceOf(refusal);
    });

    it('answers 401 to a rejected promise, warning once', async () => {
      const failure = new Error('timed out');
      const { guard, context } = rolesResolving(() => Promise.reject(failure));
      await expect(guard.canActivate(context({}))).rejects.toBeInstanceOf(UnauthorizedException);
      await expect(guard.canActivate(context({}))).rejects.toBeInstanceOf(UnauthorizedException);
      expect(warn.mock.calls).toEqual([[ROLES_OF_FAILED(describeError(failure))]]);
    });

    it('sets Cache-Control before the lookup settles', async () => {
      const { guard, context, setHeader } = rolesResolving(async () => undefined);
      const decision = guard.canActivate(context({}));
      expect(setHeader).toHaveBeenCalledWith(response, 'Cache-Control', 'no-store');
      await expect(decision).rejects.toBeInstanceOf(UnauthorizedException);
    });
  });

  it('answers synchronously while rolesOf does', () => {
    const { guard, context } = setup();
    expect(guard.canActivate(context({ user: { roles: ['admin'] } }))).toBe(true);
  });

  it('keeps the protected hooks working for an async subclass, with string roles only', async () => {
    const seen: unknown[] = [];
    class TokenGuard extends HealthAdminGuard {
      protected override async getRoles(request: { token?: string }) {
        return request.token === 'let-me-in' ? (['ops', 7, 'admin'] as string[]) : undefined;
      }
      protected override hasRequiredRole(roles: readonly string[]): boolean {
        seen.push(roles);
        return super.hasRequiredRole(roles);
      }
    }
    const { context, options, adapterHost } = setup();
    const guard = new TokenGuard(options, adapterHost);
    await expect(guard.canActivate(context({ token: 'let-me-in' }))).resolves.toBe(true);
    await expect(guard.canActivate(context({}))).rejects.toBeInstanceOf(UnauthorizedException);
    expect(seen).toEqual([['ops', 'admin']]);
  });
});
