import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import { HealthCheck } from 'nestjs-probes';

/** Declares `scope: REQUEST`: no instance exists outside a request, so the check could never run. */
@Injectable({ scope: Scope.REQUEST })
export class RequestScopedHealth {
  @HealthCheck()
  ping(): void {}
}

/** Request-scoped without saying so: it injects `REQUEST`. */
@Injectable()
export class ImplicitlyRequestScopedHealth {
  constructor(@Inject(REQUEST) readonly request: unknown) {}

  @HealthCheck()
  ping(): void {}
}
