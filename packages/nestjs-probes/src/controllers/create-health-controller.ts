import { Controller, Get, Header, Inject, type Type, UseGuards } from '@nestjs/common';
import { HealthCheckExecutor } from '../health-check.executor';
import { NO_STORE } from '../health.constants';
import { HealthAdminGuard } from '../guards/health-admin.guard';
import { type HealthDetailsReport } from '../interfaces';
import { type ProbeBody, toProbeBody, toDetailsBody } from './probe-response';

/**
 * Builds the probe controller for one module definition, mounted on `path`.
 * Answers are built from constants; only the details endpoint builds a report per request.
 *
 * @internal
 */
export function createHealthController(path: string): Type<unknown> {
  @Controller(path)
  class HealthController {
    constructor(@Inject(HealthCheckExecutor) private readonly executor: HealthCheckExecutor) {}

    @Get('live')
    @Header('Cache-Control', NO_STORE)
    live(): ProbeBody | Promise<ProbeBody> {
      return toProbeBody(this.executor.liveness());
    }

    @Get('ready')
    @Header('Cache-Control', NO_STORE)
    ready(): ProbeBody | Promise<ProbeBody> {
      return toProbeBody(this.executor.readiness());
    }

    @Get('startup')
    @Header('Cache-Control', NO_STORE)
    startup(): ProbeBody | Promise<ProbeBody> {
      return toProbeBody(this.executor.startup());
    }

    @Get('details')
    @Header('Cache-Control', NO_STORE)
    @UseGuards(HealthAdminGuard)
    details(): Promise<HealthDetailsReport> {
      return this.executor.report().then(toDetailsBody);
    }
  }
  return HealthController;
}
