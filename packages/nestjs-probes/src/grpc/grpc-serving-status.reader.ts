import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Observable } from 'rxjs';
import { HealthConfigurationError } from '../errors';
import { HealthEvents } from '../events/health-events';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { HealthLifecycleWatcher } from '../probes/health-lifecycle.watcher';
import { HealthProbeEvaluator } from '../probes/health-probe.evaluator';
import { PROBE_OF_SERVICE, SERVING_STATUS, type ServingStatus } from './grpc-health.constants';
import { GRPC_WITHOUT_HEALTH_MODULE } from './grpc.messages';

/** @internal What a probe read gives: at once while results are fresh, else once the runs end. */
export type ServingReading = ServingStatus | Promise<ServingStatus>;

/**
 * Reads the serving status of a gRPC health service name from the probes the HTTP routes answer,
 * through the same evaluator: a `Check` costs what `GET /health/ready` costs, and runs no check
 * while results are fresh. `up` and `degraded` serve; `down` does not.
 *
 * @internal
 */
@Injectable()
export class GrpcServingStatusReader implements OnModuleInit {
  private evaluator!: HealthProbeEvaluator;
  private lifecycle!: HealthLifecycleWatcher;
  private events!: HealthEvents;

  constructor(private readonly moduleRef: ModuleRef) {}

  /** The health module keeps these to itself (not exported): found across the application. */
  onModuleInit(): void {
    try {
      this.evaluator = this.moduleRef.get(HealthProbeEvaluator, { strict: false });
      this.lifecycle = this.moduleRef.get(HealthLifecycleWatcher, { strict: false });
      this.events = this.moduleRef.get(HealthEvents, { strict: false });
    } catch {
      throw new HealthConfigurationError(GRPC_WITHOUT_HEALTH_MODULE);
    }
  }

  /** `undefined` for a name that is not a health service. */
  read(service: string): ServingReading | undefined {
    const probe = PROBE_OF_SERVICE.get(service);
    return probe === undefined ? undefined : this.readProbe(probe);
  }

  readProbe(probe: ProbeKind): ServingReading {
    const status = this.evaluator[probe]();
    return status instanceof Promise ? status.then(toServingStatus) : toServingStatus(status);
  }

  /** Emits when a probe may have changed: a probe status change, or the lifecycle (shutdown). */
  changes(): Observable<unknown>[] {
    return [this.events.changes$, this.lifecycle.changed$];
  }
}

function toServingStatus(status: HealthStatus): ServingStatus {
  return status === 'down' ? SERVING_STATUS.NOT_SERVING : SERVING_STATUS.SERVING;
}
