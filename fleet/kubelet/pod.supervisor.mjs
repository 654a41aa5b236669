import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { forgetGroup, signalGroup, trackGroup } from '../support/child.registry.mjs';
import { CrashLoopBackoff } from './crash-loop.backoff.mjs';
import { httpProbe } from './http.probe.mjs';
import { ProbeWorker } from './probe.worker.mjs';

const HOST = '127.0.0.1';
const KINDS = ['startup', 'liveness', 'readiness'];

/**
 * One pod of the Deployment and the kubelet's part for it: runs its container (a replica
 * process on a fixed loopback port, the pod's IP:port), probes it with one `ProbeWorker` per
 * probe, kills it (SIGTERM, SIGKILL after the grace period) when liveness or startup fails,
 * restarts it after any exit with the CrashLoopBackOff delay (restartPolicy Always), and says
 * whether it is in rotation: running, started, readiness `success` and not being killed.
 *
 * Every change is recorded in `events` (`{ t, pod, type, ... }`, t from the run's clock).
 */
export class PodSupervisor {
  constructor({
    name,
    side,
    port,
    command,
    env,
    probes,
    graceMs,
    backoff,
    logFile,
    clock,
    events,
  }) {
    Object.assign(this, {
      name,
      side,
      port,
      command,
      env,
      probes,
      graceMs,
      logFile,
      clock,
      events,
    });
    this.backoff = new CrashLoopBackoff(backoff);
    this.current = undefined;
    this.nextId = 0;
    this.results = {};
    this.inRotation = false;
    this.stopping = false;
    this.restartCount = 0;
    this.workers = [];
    this.restartTimer = undefined;
  }

  start() {
    this.startContainer();
    for (const kind of KINDS) {
      const spec = this.probes[kind];
      const worker = new ProbeWorker({ kind, spec, pod: this, clock: this.clock });
      this.workers.push(worker);
      // Pods land on nodes at different times: each worker starts at a random point of its period.
      void worker.run(Math.random() * spec.periodMs);
    }
  }

  container() {
    return this.current;
  }

  probe(kind) {
    const { path, timeoutMs } = this.probes[kind];
    return httpProbe({ host: HOST, port: this.port, path, timeoutMs });
  }

  setResult(kind, containerId, result) {
    if (this.current?.id !== containerId) return;
    const previous = this.results[kind];
    this.results[kind] = result;
    if (kind === 'startup' && result === 'success') this.current.started = true;
    if (previous !== result) this.record({ type: 'result', kind, result, container: containerId });
    this.updateRotation();
  }

  /** A liveness or startup failure reached its threshold: the kubelet kills the container. */
  restartContainer(kind, containerId) {
    const container = this.current;
    if (container?.id !== containerId || !container.running || container.killing) return;
    this.kill(container, `${kind} probe failed`);
  }

  /** Stops probing and ends the container for good (SIGTERM, SIGKILL after `graceMs`). */
  async stop(graceMs = this.graceMs) {
    this.stopping = true;
    for (const worker of this.workers) worker.stop();
    clearTimeout(this.restartTimer);
    const container = this.current;
    if (container?.running) {
      this.kill(container, 'end of run', graceMs);
      await container.exited;
    }
    this.updateRotation();
  }

  startContainer() {
    if (this.stopping) return;
    const id = ++this.nextId;
    const log = openSync(this.logFile, 'a');
    let child;
    try {
      child = spawn(process.execPath, [this.command], {
        env: { ...process.env, ...this.env },
        detached: true,
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    trackGroup(child.pid);
    let resolveExited;
    const container = {
      id,
      pid: child.pid,
      running: true,
      started: !this.probes.startup,
      startedAt: this.clock.now(),
      killing: false,
      exited: new Promise((resolve) => (resolveExited = resolve)),
    };
    child.on('error', () => undefined);
    child.once('exit', (code, signal) => {
      forgetGroup(child.pid);
      signalGroup(child.pid, 'SIGKILL'); // anything the replica forked
      this.onExit(container, code, signal);
      resolveExited();
    });
    if (id > 1) this.restartCount += 1;
    this.current = container;
    this.results = {};
    this.record({ type: 'container-start', container: id, pid: child.pid, restart: id > 1 });
    this.updateRotation();
  }

  kill(container, reason, graceMs = this.graceMs) {
    container.killing = true;
    this.record({ type: 'kill', container: container.id, reason });
    this.updateRotation();
    signalGroup(container.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(container.pid, 'SIGKILL'), graceMs);
    void container.exited.then(() => clearTimeout(timer));
  }

  onExit(container, code, signal) {
    container.running = false;
    const exitedAt = this.clock.now();
    this.record({
      type: 'container-exit',
      container: container.id,
      code,
      signal,
      killed: container.killing,
    });
    this.updateRotation();
    if (this.stopping) return;
    const delay = this.backoff.delayBeforeRestart(exitedAt, exitedAt);
    if (delay === 0) return this.startContainer();
    this.record({ type: 'back-off', container: container.id, delayMs: Math.round(delay) });
    this.restartTimer = setTimeout(() => this.retryRestart(exitedAt), delay);
  }

  retryRestart(exitedAt) {
    if (this.stopping) return;
    const delay = this.backoff.delayBeforeRestart(exitedAt, this.clock.now());
    if (delay > 0) {
      this.restartTimer = setTimeout(() => this.retryRestart(exitedAt), delay);
      return;
    }
    this.startContainer();
  }

  updateRotation() {
    const c = this.current;
    const ready = Boolean(
      c &&
      c.running &&
      c.started &&
      !c.killing &&
      !this.stopping &&
      this.results.readiness === 'success',
    );
    if (ready === this.inRotation) return;
    this.inRotation = ready;
    this.record({ type: 'rotation', inRotation: ready });
  }

  record(event) {
    this.events.push({ t: this.clock.now(), pod: this.name, side: this.side, ...event });
  }
}
