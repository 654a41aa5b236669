import { Inject, Injectable } from '@nestjs/common';
import { HEALTH_RESOLVED_OPTIONS } from '../health.constants';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';

/**
 * A token bucket shared by every caller of the admin routes that may run checks: `burst` requests
 * at once, then `perSecond`. Refilled from the clock on each request, so it holds no timer.
 *
 * @internal
 */
@Injectable()
export class AdminRateLimiter {
  private readonly limit: ResolvedHealthOptions['adminRateLimit'];
  private tokens: number;
  private refilledAt = performance.now();

  constructor(@Inject(HEALTH_RESOLVED_OPTIONS) options: ResolvedHealthOptions) {
    this.limit = options.adminRateLimit;
    this.tokens = this.limit ? this.limit.burst : 0;
  }

  /** 0 when the request may go on; otherwise the whole seconds (at least 1) until it could. */
  take(now = performance.now()): number {
    const limit = this.limit;
    if (!limit) return 0;
    this.tokens = Math.min(
      limit.burst,
      this.tokens + ((now - this.refilledAt) / 1000) * limit.perSecond,
    );
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / limit.perSecond));
  }
}
