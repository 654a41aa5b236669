import { type HealthCheckDefinition } from '../checks/health-check.definition';
import { HealthCheckRunner } from '../checks/health-check.runner';
import { type HealthStatus } from '../interfaces';
import { degraded } from '../results/health-status';

const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn() };

/** A check whose outcome the test sets; it takes `delayMs` of fake time to run. */
export class FakeCheck {
  status: HealthStatus = 'up';
  readonly invoke = jest.fn(async () => {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.status === 'down') throw new Error(`${this.name} failed: password=hunter2`);
    if (this.status === 'degraded') return degraded(`${this.name} is slow`);
    return { name: this.name };
  });
  readonly runner: HealthCheckRunner;

  constructor(
    readonly name: string,
    overrides: Partial<HealthCheckDefinition> = {},
    private readonly delayMs = 0,
  ) {
    const definition: HealthCheckDefinition = {
      name,
      owner: `Fake.${name}`,
      critical: true,
      ttl: 1_000,
      timeout: 500,
      probes: ['readiness'],
      refresh: 'on-probe',
      staleAfter: 2_500,
      failureThreshold: 1,
      successThreshold: 1,
      invoke: this.invoke,
      ...overrides,
    };
    this.runner = new HealthCheckRunner(definition, logger);
  }
}

/** The lifecycle flags the evaluator reads, set by the test. */
export interface FakeLifecycle {
  bootstrapped: boolean;
  shuttingDown: boolean;
  drained: boolean;
  readonly readinessWithdrawn: boolean;
}

/** Bootstrapped, neither drained nor shutting down; cast it where a watcher is expected. */
export function fakeLifecycle(): FakeLifecycle {
  return {
    bootstrapped: true,
    shuttingDown: false,
    drained: false,
    get readinessWithdrawn() {
      return this.shuttingDown || this.drained;
    },
  };
}
