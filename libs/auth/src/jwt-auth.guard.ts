import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTHENTICATION_REQUIRED, INVALID_BEARER_TOKEN, MISSING_ROLE } from './auth.messages';
import { type AuthenticatedUser } from './interfaces';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { TokenService } from './token.service';

/** Express and Fastify requests both expose these two. */
interface AuthRequest {
  headers?: { authorization?: unknown };
  user?: AuthenticatedUser;
}

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The app's global guard. A valid `Authorization: Bearer <jwt>` sets `request.user`; no header
 * leaves the request anonymous; any other header is a 401. Routes marked `@Roles()` then require
 * a user (401) holding one of the roles (403). The public health probes, and routes marked
 * `@Public()`, answer whatever the header says: a balancer holding an expired static token must
 * not get pods restarted, nor a scraper sending its own token lose its samples.
 *
 * @publicApi
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    protected readonly tokens: TokenService,
    protected readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // RPC and WebSocket handlers carry no Authorization header: not ours to judge. The health
    // probes never get here: nestjs-probes serves them ahead of Nest's guards.
    if (context.getType() !== 'http') return true;
    if (this.isPublic(context)) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const header = request.headers?.authorization;
    if (header !== undefined) request.user = await this.authenticate(header);
    this.authorize(context, request.user);
    return true;
  }

  /** The handler decides before its controller; on one target `@Roles()` wins (fail closed). */
  protected isPublic(context: ExecutionContext): boolean {
    for (const target of [context.getHandler(), context.getClass()]) {
      if (this.reflector.get(Roles, target) !== undefined) return false;
      if (this.reflector.get(Public, target) === true) return true;
    }
    return false;
  }

  protected authenticate(header: unknown): Promise<AuthenticatedUser> {
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined) throw new UnauthorizedException(INVALID_BEARER_TOKEN);
    return this.tokens.verify(token);
  }

  protected authorize(context: ExecutionContext, user: AuthenticatedUser | undefined): void {
    const required = this.reflector.getAllAndOverride(Roles, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return;
    if (!user) throw new UnauthorizedException(AUTHENTICATION_REQUIRED);
    if (!required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenException(MISSING_ROLE(required));
    }
  }
}
