import { Injectable, Module } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** The first duration a Node.js timer cannot hold: setTimeout would turn it into 1 ms. */
export const OVERFLOWING_MS = 2 ** 31;

/** Would always time out at once. */
@Injectable()
export class OverflowingTimeoutHealth {
  @HealthCheck({ timeout: OVERFLOWING_MS })
  ping(): void {}
}

/** Would be cached for 24.8 days, or rerun at once if a timer ever held it. */
@Injectable()
export class OverflowingTtlHealth {
  @HealthCheck({ ttl: OVERFLOWING_MS })
  ping(): void {}
}

/** Would run back to back, hundreds of times a second. */
@Injectable()
export class OverflowingBackgroundTtlHealth {
  @HealthCheck({ refresh: 'background', ttl: OVERFLOWING_MS })
  ping(): void {}
}

@Injectable()
export class OverflowingStaleAfterHealth {
  @HealthCheck({ refresh: 'background', ttl: 1_000, staleAfter: OVERFLOWING_MS })
  ping(): void {}
}

/** The longest durations accepted: one millisecond less. */
@Injectable()
export class LongestDurationsHealth {
  @HealthCheck({
    refresh: 'background',
    ttl: OVERFLOWING_MS - 1,
    timeout: OVERFLOWING_MS - 1,
    staleAfter: OVERFLOWING_MS - 1,
  })
  ping(): void {}
}

export const FAKE_REDIS = 'FAKE_REDIS';

/** Provides a stand-in ioredis client, good enough for option validation (never pinged). */
@Module({
  providers: [{ provide: FAKE_REDIS, useValue: { status: 'ready', ping: async () => 'PONG' } }],
  exports: [FAKE_REDIS],
})
export class FakeRedisModule {}
