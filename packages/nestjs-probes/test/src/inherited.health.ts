import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** The decorated method lives on the base class only. */
export abstract class BaseHealth {
  runs = 0;

  @HealthCheck({ ttl: 0 })
  ping(): void {
    this.runs += 1;
  }
}

@Injectable()
export class InheritedHealth extends BaseHealth {}
