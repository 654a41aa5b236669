import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HealthCheckRegistry } from './health-check.registry';
import { type HealthCheckRunner } from './health-check.runner';

/**
 * Runs `refresh: 'background'` checks every ttl (start to start, never overlapping), so probes only
 * read the last result and never wait on a dependency. It starts at `onApplicationBootstrap` and
 * holds bootstrap until each check's first run has ended (bounded by the check's timeout; a first
 * run that fails just leaves the check down), so every background check has a result before the
 * application listens. It stops at `beforeApplicationShutdown`, after the drain of the first shutdown hook,
 * so a background liveness check stays fresh while the instance drains (#9). Timers are unref'd.
 *
 * @internal
 */
@Injectable()
export class HealthCheckScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = false;

  constructor(private readonly registry: HealthCheckRegistry) {}

  onApplicationBootstrap(): Promise<void> {
    return this.start(this.registry.getAll());
  }

  beforeApplicationShutdown(): void {
    this.stop();
  }

  /** Resolves (never rejects) once the first run of every background check has ended. */
  start(runners: readonly HealthCheckRunner[]): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    const firstRuns: Promise<unknown>[] = [];
    for (const runner of runners) {
      if (runner.definition.refresh === 'background') firstRuns.push(this.cycle(runner));
    }
    return Promise.all(firstRuns).then(ignore, ignore);
  }

  stop(): void {
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private cycle(runner: HealthCheckRunner): Promise<unknown> {
    const startedAt = performance.now();
    const next = () => {
      if (!this.running) return;
      const delay = Math.max(0, runner.definition.ttl - (performance.now() - startedAt));
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.running) this.cycle(runner);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    };
    // refresh() resolves with a `down` result whatever the check does; should that promise ever
    // reject, the cycle still goes on and nothing is left unhandled (#9).
    return runner.refresh().then(next, next);
  }
}

const ignore = (): void => undefined;
