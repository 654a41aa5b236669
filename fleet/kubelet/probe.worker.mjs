/** What a probe's results manager holds before the first result, per probe (worker.go newWorker). */
const INITIAL_VALUE = { startup: 'unknown', liveness: 'success', readiness: 'failure' };

/**
 * One probe of one container, following the kubelet's `pkg/kubelet/prober/worker.go`: a ticker of
 * `periodSeconds` (a tick missed while a probe runs fires once as soon as it ends); liveness and
 * readiness wait until the startup probe succeeded, the startup probe stops once it has; a result
 * replaces the last one only after `failureThreshold` failures or `successThreshold` successes in
 * a row; a liveness or startup failure puts the worker on hold until a new container runs, and has
 * the container restarted. `initialDelaySeconds` counts from the container's start.
 *
 * `pod` supplies: `container()` (`{ id, running, startedAt, started }` or undefined), `probe(kind)`
 * (one HTTP probe: `{ result, detail }`), `setResult(kind, containerId, result)` and
 * `restartContainer(kind, containerId)`. `clock` supplies `now()` and `sleep(ms)`.
 */
export class ProbeWorker {
  constructor({ kind, spec, pod, clock }) {
    this.kind = kind;
    this.spec = spec;
    this.pod = pod;
    this.clock = clock;
    this.containerId = undefined;
    this.lastResult = undefined;
    this.resultRun = 0;
    this.onHold = false;
    this.stopped = false;
  }

  /** Runs until `stop()`, first after `jitterMs` (the kubelet's random start within one period). */
  async run(jitterMs = 0) {
    if (jitterMs > 0) await this.clock.sleep(jitterMs);
    const period = this.spec.periodMs;
    let nextTick = this.clock.now() + period;
    while (!this.stopped) {
      await this.doProbe();
      if (this.stopped) break;
      const now = this.clock.now();
      if (nextTick <= now) {
        // A Go ticker keeps one missed tick: the next probe runs at once, later ticks stay on the grid.
        nextTick += Math.ceil((now - nextTick + 1) / period) * period;
        continue;
      }
      await this.clock.sleep(nextTick - now);
      nextTick += period;
    }
  }

  stop() {
    this.stopped = true;
  }

  async doProbe() {
    const container = this.pod.container();
    if (!container) return;
    if (this.containerId !== container.id) {
      this.containerId = container.id;
      this.pod.setResult(this.kind, container.id, INITIAL_VALUE[this.kind]);
      this.onHold = false; // a new container: resume probing
    }
    if (this.onHold) return;
    if (!container.running) {
      this.pod.setResult(this.kind, container.id, 'failure');
      return;
    }
    if (this.clock.now() - container.startedAt < this.spec.initialDelayMs) return;
    if (container.started) {
      if (this.kind === 'startup') return;
    } else if (this.kind !== 'startup') {
      return;
    }

    const { result } = await this.pod.probe(this.kind);
    if (this.stopped) return;
    this.record(result, container.id);
  }

  record(result, containerId) {
    if (this.lastResult === result) {
      this.resultRun += 1;
    } else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    if (
      (result === 'failure' && this.resultRun < this.spec.failureThreshold) ||
      (result === 'success' && this.resultRun < this.spec.successThreshold)
    ) {
      return;
    }
    this.pod.setResult(this.kind, containerId, result);
    if ((this.kind === 'liveness' || this.kind === 'startup') && result === 'failure') {
      this.onHold = true;
      this.resultRun = 0;
      this.pod.restartContainer(this.kind, containerId);
    }
  }
}
