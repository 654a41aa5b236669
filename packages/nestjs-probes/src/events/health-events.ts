import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { LOGGER_CONTEXT } from '../health.constants';
import { LISTENER_FAILED } from '../health.messages';
import { describeError } from '../redaction/error.describer';
import {
  type HealthCheckRun,
  type HealthSnapshot,
  type HealthStatusChange,
} from './health-status-change.interface';
import { isThenable } from '../utils/is-thenable.util';

const EMPTY_SNAPSHOT: HealthSnapshot = {
  checks: [],
  probes: { liveness: 'up', readiness: 'up', startup: 'up' },
};

/**
 * What the health module saw happen, for the application to react to (page someone, open a
 * circuit, shed load) and for metrics: `changes$` emits once per status change of a check or a
 * probe, `runs$` once per completed check run, and `snapshot()` reads the current statuses without
 * running anything. Emitting never blocks a probe: it happens when a run ends, not when a probe asks.
 *
 * @example
 * ```ts
 * constructor(events: HealthEvents) {
 *   events.changes$.subscribe((change) => this.pager.notify(change));
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class HealthEvents implements BeforeApplicationShutdown {
  private readonly changes = new Subject<HealthStatusChange>();
  private readonly runs = new Subject<HealthCheckRun>();
  private readonly listeners = new Set<(change: HealthStatusChange) => unknown>();
  private readonly logger = new Logger(LOGGER_CONTEXT);

  /**
   * Every status change of a check (after flap damping) or a probe. RxJS reports an error thrown by
   * a subscriber's `next` on its own, asynchronously (an uncaught exception unless the app handles
   * it): pipe through `catchError`, or use `onChange()`, which contains a listener's failures.
   */
  readonly changes$: Observable<HealthStatusChange> = this.changes.asObservable();
  /** Every completed check run, with its raw outcome and duration. */
  readonly runs$: Observable<HealthCheckRun> = this.runs.asObservable();

  /**
   * Calls `listener` on every status change. A listener that throws or rejects is logged as a
   * warning and changes nothing else. Returns the function that removes it.
   */
  onChange(listener: (change: HealthStatusChange) => unknown): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private source: () => HealthSnapshot = () => EMPTY_SNAPSHOT;

  /** The current status of every check and probe, from the last results; runs nothing. */
  snapshot(): HealthSnapshot {
    return this.source();
  }

  /** @internal Where `snapshot()` reads from: the health module's own state. */
  attach(source: () => HealthSnapshot): void {
    this.source = source;
  }

  /**
   * Ends both streams before the HTTP server closes, so an open event stream (the admin SSE
   * endpoint) does not hold the shutdown; listeners added with `onChange` are dropped too.
   */
  beforeApplicationShutdown(): void {
    this.listeners.clear();
    this.changes.complete();
    this.runs.complete();
  }

  /** @internal */
  emitChange(change: HealthStatusChange): void {
    for (const listener of this.listeners) this.call(() => listener(change));
    this.emit(this.changes, change);
  }

  /** @internal */
  emitRun(run: HealthCheckRun): void {
    this.emit(this.runs, run);
  }

  // A subscriber that throws must not reach the run that emitted.
  private emit<T>(subject: Subject<T>, value: T): void {
    this.call(() => subject.next(value));
  }

  private call(deliver: () => unknown): void {
    try {
      const result = deliver();
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.warn(error));
    } catch (error) {
      this.warn(error);
    }
  }

  private warn(error: unknown): void {
    try {
      this.logger.warn(LISTENER_FAILED(describeError(error)));
    } catch {
      /* the logger itself failed: nothing left to tell */
    }
  }
}
