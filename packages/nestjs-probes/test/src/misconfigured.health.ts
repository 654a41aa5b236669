import { Injectable } from '@nestjs/common';
import { HealthCheck, type HealthCheckOptions } from 'nestjs-probes';

/** Options a TypeScript user could still produce (plain JS, `as any`, config values). */
const untyped = (options: Record<string, unknown>) => options as HealthCheckOptions;

@Injectable()
export class NegativeTtlHealth {
  @HealthCheck({ ttl: -1 })
  ping(): void {}
}

@Injectable()
export class NaNTtlHealth {
  @HealthCheck({ ttl: Number.NaN })
  ping(): void {}
}

@Injectable()
export class NegativeTimeoutHealth {
  @HealthCheck({ timeout: -100 })
  ping(): void {}
}

@Injectable()
export class TextTimeoutHealth {
  @HealthCheck(untyped({ timeout: '100' }))
  ping(): void {}
}

@Injectable()
export class UnknownProbeHealth {
  @HealthCheck(untyped({ probe: 'readyness' }))
  ping(): void {}
}

@Injectable()
export class UnknownOptionHealth {
  @HealthCheck(untyped({ ttL: 1000 }))
  ping(): void {}
}

@Injectable()
export class DatabaseHealth {
  @HealthCheck({ name: 'database' })
  ping(): void {}
}

@Injectable()
export class OtherDatabaseHealth {
  @HealthCheck({ name: 'database' })
  query(): void {}
}

/** Takes longer than the default probe timeout (3000 ms) allows. */
@Injectable()
export class LongTimeoutHealth {
  @HealthCheck({ timeout: 5000 })
  ping(): void {}
}

/** The same timeout, refreshed in the background: probes never wait on it, so no warning. */
@Injectable()
export class LongTimeoutBackgroundHealth {
  @HealthCheck({ timeout: 5000, refresh: 'background', ttl: 10_000 })
  ping(): void {}
}
