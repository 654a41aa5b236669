import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/**
 * Two readiness checks for the gRPC health specs, each counting its runs: `gate`, refreshed on
 * every probe (ttl 0), whose outcome the test flips; and `fresh`, whose result stays fresh for a
 * minute, so a probe that runs it proves the cache was bypassed.
 */
@Injectable()
export class SwitchableHealth {
  gateUp = true;
  gateRuns = 0;
  freshRuns = 0;

  @HealthCheck({ name: 'gate', ttl: 0 })
  gate(): void {
    this.gateRuns++;
    if (!this.gateUp) throw new Error('gate closed');
  }

  @HealthCheck({ name: 'fresh', ttl: 60_000 })
  fresh(): void {
    this.freshRuns++;
  }
}

/** Only the minute-fresh check: a probe must run nothing while it is fresh. */
@Injectable()
export class FreshOnlyHealth {
  runs = 0;

  @HealthCheck({ name: 'fresh', ttl: 60_000 })
  fresh(): void {
    this.runs++;
  }
}

/**
 * A readiness check refreshed in the background every 100 ms, whose outcome the test flips: its
 * status changes reach the health events without any probe asking.
 */
@Injectable()
export class BackgroundGateHealth {
  gateUp = true;

  @HealthCheck({ name: 'background-gate', ttl: 100, refresh: 'background' })
  gate(): void {
    if (!this.gateUp) throw new Error('gate closed');
  }
}
