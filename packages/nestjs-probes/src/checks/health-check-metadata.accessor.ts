import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HealthCheck } from '../decorators';

/**
 * Reads `@HealthCheck()` metadata, tolerating targets that cannot carry any (getters, values).
 *
 * @internal
 */
@Injectable()
export class HealthCheckMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getOptions(target: unknown): unknown {
    if (typeof target !== 'function') return undefined;
    return this.reflector.get(HealthCheck, target);
  }
}
