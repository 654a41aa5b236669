import { type CanActivate, HttpStatus, Injectable } from '@nestjs/common';
import { AdminRateLimiter } from './admin-rate.limiter';
import { HeadedAnswerException } from './headed-answer.filter';

const TOO_MANY = { statusCode: 429, message: 'Too Many Requests' };

/**
 * Refuses at once, never queues, beyond the admin rate: runs after the access rule, so anonymous
 * callers spend none of it.
 *
 * @internal
 */
@Injectable()
export class AdminRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: AdminRateLimiter) {}

  canActivate(): boolean {
    const wait = this.limiter.take();
    if (wait === 0) return true;
    throw new HeadedAnswerException(TOO_MANY, HttpStatus.TOO_MANY_REQUESTS, {
      'Retry-After': String(wait),
    });
  }
}
