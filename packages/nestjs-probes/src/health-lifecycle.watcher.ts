import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HealthCheckRegistry } from './health-check.registry';
import { HealthCheckScheduler } from './health-check.scheduler';

/**
 * Knows where the application is in its life: the startup probe opens only after bootstrap, and
 * readiness answers 503 from the moment shutdown begins, so the load balancer drains this instance
 * while liveness stays 200 and in-flight requests finish.
 *
 * @internal
 */
@Injectable()
export class HealthLifecycleWatcher
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  started = false;
  shuttingDown = false;

  constructor(
    private readonly registry: HealthCheckRegistry,
    private readonly scheduler: HealthCheckScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.started = true;
    this.scheduler.start(this.registry.getAll());
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
    this.scheduler.stop();
  }

  onApplicationShutdown(): void {
    this.scheduler.stop();
  }
}
