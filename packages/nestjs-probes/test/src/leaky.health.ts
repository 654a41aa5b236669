import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HealthCheck } from 'nestjs-probes';

export const LEAKY_TIMEOUT_MS = 50;

/** Every secret and host below must never reach the details endpoint. */
export const LEAKED_SECRETS = [
  'hunter2',
  'app_user',
  's3cr3t-t0ken',
  'eyJhbGciOiJIUzI1NiJ9',
  'AKIA4EXAMPLEKEY',
  '10.20.30.40',
  '10.0.0.12',
  '127.0.0.1',
  '::1',
  'db.internal.example',
  'redis.internal.example',
  'cache.internal.example',
  'api.example.com',
];

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

/** Checks that fail (or succeed) with credentials and hosts in what they report. Non-critical. */
@Injectable()
export class LeakyHealth {
  constructor(private readonly indicators: HealthIndicatorService) {}

  @HealthCheck({ name: 'url-credentials', critical: false, ttl: 0 })
  urlCredentials(): never {
    throw new Error('cannot reach postgres://app_user:hunter2@db.internal.example:5432/orders');
  }

  @HealthCheck({ name: 'password-pair', critical: false, ttl: 0 })
  passwordPair(): never {
    throw new Error('authentication failed with password=hunter2');
  }

  @HealthCheck({ name: 'token-query', critical: false, ttl: 0 })
  tokenQuery(): never {
    throw new Error(
      'GET https://api.example.com/v1/status?token=s3cr3t-t0ken&region=eu answered 500',
    );
  }

  @HealthCheck({ name: 'bearer-token', critical: false, ttl: 0 })
  bearerToken(): never {
    throw new Error(
      'upstream answered 401 to Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
    );
  }

  @HealthCheck({ name: 'ip-address', critical: false, ttl: 0 })
  ipAddress(): never {
    throw withCode('connect ECONNREFUSED 10.20.30.40:6379', 'ECONNREFUSED');
  }

  @HealthCheck({ name: 'both-loopbacks', critical: false, ttl: 0 })
  bothLoopbacks(): never {
    // What pg reports when localhost resolves to both ::1 and 127.0.0.1.
    throw new AggregateError([
      withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    ]);
  }

  @HealthCheck({ name: 'hostname', critical: false, ttl: 0 })
  hostname(): never {
    throw withCode('getaddrinfo ENOTFOUND redis.internal.example', 'ENOTFOUND');
  }

  @HealthCheck({ name: 'non-error', critical: false, ttl: 0 })
  nonError(): never {
    throw 'rejected with token=s3cr3t-t0ken';
  }

  @HealthCheck({ name: 'details', critical: false, ttl: 0 })
  details(): Record<string, unknown> {
    return {
      dsn: 'redis://:hunter2@cache.internal.example:6379/0',
      password: 'hunter2',
      apiKey: 'AKIA4EXAMPLEKEY',
      pool: { size: 10 },
    };
  }

  @HealthCheck({ name: 'terminus', critical: false, ttl: 0 })
  terminus(): HealthIndicatorResult<'orders-db'> {
    return this.indicators.check('orders-db').down({
      message: 'connect to postgres://app_user:hunter2@10.0.0.12:5432/orders refused',
    });
  }

  @HealthCheck({
    name: 'times-out',
    critical: false,
    ttl: 0,
    timeout: LEAKY_TIMEOUT_MS,
  })
  timesOut(signal: AbortSignal): Promise<void> {
    return new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason), {
        once: true,
      }),
    );
  }
}
