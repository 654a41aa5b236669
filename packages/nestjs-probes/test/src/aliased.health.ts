import { Injectable, type Provider } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

export const ALIASED_HEALTH = 'ALIASED_HEALTH';

@Injectable()
export class AliasedHealth {
  runs = 0;

  @HealthCheck({ ttl: 0 })
  ping(): void {
    this.runs += 1;
  }
}

/** The class and a `useExisting` alias of it: one instance, so one check. */
export const aliasedHealthProviders: Provider[] = [
  AliasedHealth,
  { provide: ALIASED_HEALTH, useExisting: AliasedHealth },
];
