import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HEALTH_RESOLVED_OPTIONS, LOGGER_CONTEXT, NO_STORE } from '../health.constants';
import { ROLES_OF_FAILED, ROLES_OF_NOT_AN_ARRAY } from '../health.messages';
import { describeError } from '../redaction/error.describer';
import {
  type ResolvedHealthOptions,
  type RolesReading,
} from '../options/resolved-health-options.interface';
import { isThenable } from '../utils/is-thenable.util';

/**
 * Lets a caller read the details endpoint only when the roles `details.rolesOf(request)` gives hold
 * one of `details.roles`, matched exactly. What the lookup answers decides:
 * - an array (or a promise of one): 200 when a required role is among its strings (other entries
 *   are ignored), else 403;
 * - `undefined` or `null`: 401, the caller is anonymous;
 * - a throw or a rejected promise: 401, the caller's identity cannot be established;
 * - anything else (a string, a `Set`, a number, an object): 403, never a match.
 *
 * A lookup that throws or answers something else is a configuration mistake: it is logged as a
 * warning once per guard, so anonymous callers cannot flood the log with it. Synchronous while the
 * lookup is. Subclass and override the protected hooks to change the rule, and pass the subclass
 * as `adminGuard` next to `HealthModule.forRoot()` / `forRootAsync()`.
 *
 * @publicApi
 */
@Injectable()
export class HealthAdminGuard implements CanActivate {
  private readonly logger = new Logger(LOGGER_CONTEXT);
  private warned = false;

  constructor(
    @Inject(HEALTH_RESOLVED_OPTIONS) protected readonly options: ResolvedHealthOptions,
    @Inject(HttpAdapterHost) protected readonly adapterHost: HttpAdapterHost,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const http = context.switchToHttp();
    // Guards run before @Header() is applied: a 401/403 must not be cached either.
    this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'Cache-Control', NO_STORE);
    let roles: unknown;
    try {
      roles = this.getRoles(http.getRequest());
    } catch (error) {
      return this.refuseUnidentified(error);
    }
    if (!isThenable(roles)) return this.decide(roles);
    return Promise.resolve(roles).then(
      (settled) => this.decide(settled),
      (error: unknown) => this.refuseUnidentified(error),
    );
  }

  /**
   * The caller's roles, `undefined` when the caller is not authenticated, or a promise of either.
   * Whatever it returns is vetted as described on the class.
   */
  protected getRoles(request: unknown): RolesReading {
    return this.options.details.rolesOf(request);
  }

  /** Called with the string entries of the caller's roles only. */
  protected hasRequiredRole(roles: readonly string[]): boolean {
    return this.options.details.roles.some((role) => roles.includes(role));
  }

  private decide(roles: unknown): boolean {
    if (roles === undefined || roles === null) throw new UnauthorizedException();
    if (!Array.isArray(roles)) {
      this.warnOnce(() => ROLES_OF_NOT_AN_ARRAY(roles));
      throw new ForbiddenException();
    }
    if (!this.hasRequiredRole(roles.filter(isString))) throw new ForbiddenException();
    return true;
  }

  private refuseUnidentified(error: unknown): never {
    this.warnOnce(() => ROLES_OF_FAILED(describeError(error)));
    throw new UnauthorizedException();
  }

  private warnOnce(message: () => string): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(message());
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
