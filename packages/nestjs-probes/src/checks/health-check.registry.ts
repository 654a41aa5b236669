import { Injectable } from '@nestjs/common';
import { HealthConfigurationError } from '../errors';
import { type HealthCheckRunner } from './health-check.runner';
import { DUPLICATE_HEALTH_CHECK } from '../health.messages';
import { type ProbeKind } from '../interfaces';

/**
 * Every discovered check, by unique name, and the checks of each probe (computed once, not per probe).
 *
 * @internal
 */
@Injectable()
export class HealthCheckRegistry {
  private readonly byName = new Map<string, HealthCheckRunner>();
  private byProbe?: Record<ProbeKind, readonly HealthCheckRunner[]>;

  add(runner: HealthCheckRunner): void {
    const { name, owner } = runner.definition;
    const existing = this.byName.get(name);
    if (existing) {
      throw new HealthConfigurationError(
        DUPLICATE_HEALTH_CHECK(name, existing.definition.owner, owner),
      );
    }
    this.byName.set(name, runner);
    this.byProbe = undefined;
  }

  getAll(): readonly HealthCheckRunner[] {
    return [...this.byName.values()];
  }

  getByProbe(kind: ProbeKind): readonly HealthCheckRunner[] {
    this.byProbe ??= {
      liveness: this.filter('liveness'),
      readiness: this.filter('readiness'),
      startup: this.filter('startup'),
    };
    return this.byProbe[kind];
  }

  private filter(kind: ProbeKind): readonly HealthCheckRunner[] {
    return this.getAll().filter((runner) => runner.definition.probes.includes(kind));
  }
}
