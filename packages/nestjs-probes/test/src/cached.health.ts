import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

export const CACHED_TTL_MS = 300;

/** A check whose result is reused for 300 ms. */
@Injectable()
export class CachedHealth {
  runs = 0;

  @HealthCheck({ ttl: CACHED_TTL_MS })
  lookup(): void {
    this.runs += 1;
  }
}
