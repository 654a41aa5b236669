import { setTimeout as sleep } from 'node:timers/promises';
import { type ExampleAppProcess } from './example-app.process';

/**
 * Routes traffic to the app the way a Kubernetes Service does: it polls `/health/ready` every
 * `periodMs` and takes the instance out of rotation at the first answer that is not 200
 * (`failureThreshold: 1`). Requests already sent are not its business; new ones stop.
 */
export class SimulatedLoadBalancer {
  inRotation = true;
  removedAt?: number;
  private polling?: Promise<void>;

  constructor(
    private readonly app: ExampleAppProcess,
    private readonly periodMs: number,
  ) {}

  start(): void {
    this.polling = this.poll();
  }

  async stop(): Promise<void> {
    this.inRotation = false;
    await this.polling;
  }

  private async poll(): Promise<void> {
    while (this.inRotation) {
      const status = await this.app
        .fetch('/health/ready')
        .then((response) => response.status)
        .catch(() => 0);
      if (status !== 200 && this.inRotation) {
        this.inRotation = false;
        this.removedAt = performance.now();
        return;
      }
      await sleep(this.periodMs);
    }
  }
}
