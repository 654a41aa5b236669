import path from 'node:path';
import { PodSupervisor } from './pod.supervisor.mjs';

/**
 * One side's Deployment: `replicas` pods of the same container, each on its own loopback port.
 * `inRotation()` lists the pods the Service would route to.
 */
export class ReplicaSet {
  constructor({ side, ports, command, env, probes, graceMs, backoff, logDir, clock, events }) {
    this.side = side;
    this.pods = ports.map(
      (port, i) =>
        new PodSupervisor({
          name: `${side}-${i}`,
          side,
          port,
          command,
          env: { ...env, FLEET_SIDE: side, FLEET_PORT: String(port) },
          probes: probes[side],
          graceMs,
          backoff,
          logFile: path.join(logDir, `${side}-${i}.log`),
          clock,
          events,
        }),
    );
  }

  start() {
    for (const pod of this.pods) pod.start();
  }

  inRotation() {
    return this.pods.filter((pod) => pod.inRotation);
  }

  allInRotation() {
    return this.pods.every((pod) => pod.inRotation);
  }

  restarts() {
    return this.pods.reduce((sum, pod) => sum + pod.restartCount, 0);
  }

  stop(graceMs) {
    return Promise.all(this.pods.map((pod) => pod.stop(graceMs)));
  }
}
