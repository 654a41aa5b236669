import {
  type CallHandler,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  type NestInterceptor,
  UnauthorizedException,
} from '@nestjs/common';
import { type Observable } from 'rxjs';

/**
 * The common Passport/JWT shape: a global guard that refuses any request without `Authorization`,
 * and otherwise sets `request.user` (`Bearer admin` gets the admin role, any other token none).
 */
@Injectable()
export class RejectAnonymousGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      user?: { id: string; roles: string[] };
    }>();
    const authorization = request.headers.authorization;
    if (!authorization) throw new UnauthorizedException();
    const admin = authorization === 'Bearer admin';
    request.user = { id: admin ? 'ops-admin' : 'someone', roles: admin ? ['admin'] : [] };
    return true;
  }
}

/** A global logging interceptor: counts what it sees. */
@Injectable()
export class CountingInterceptor implements NestInterceptor {
  static readonly seen: string[] = [];

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ url: string; raw?: { url: string } }>();
    CountingInterceptor.seen.push(request.raw?.url ?? request.url);
    return next.handle();
  }
}

/** A user route beside the probes: the positive control that the app's pipeline is in force. */
@Controller('orders')
export class OrdersController {
  @Get()
  list(): { orders: never[] } {
    return { orders: [] };
  }
}
