import { type ExampleAppProcess } from './example-app.process';
import { AN_ORDER, postOrder } from './orders';
import { type SimulatedLoadBalancer } from './simulated-load-balancer';

export interface LoadFigures {
  sent: number;
  failed: number;
  failures: string[];
}

/**
 * `workers` clients, each sending one request after another (a read of `orderId`, then a new
 * order) for as long as the load balancer routes to the app, and never past `maxMs`. A request
 * fails when it errors or answers anything but 200 / 201.
 */
export async function runBoundedLoad(
  app: ExampleAppProcess,
  balancer: SimulatedLoadBalancer,
  { workers, maxMs, orderId }: { workers: number; maxMs: number; orderId: string },
): Promise<LoadFigures> {
  const figures: LoadFigures = { sent: 0, failed: 0, failures: [] };
  const deadline = performance.now() + maxMs;
  const send = async (request: () => Promise<Response>, expected: number) => {
    figures.sent++;
    try {
      const response = await request();
      await response.arrayBuffer();
      if (response.status !== expected) throw new Error(`answered ${response.status}`);
    } catch (error) {
      figures.failed++;
      figures.failures.push(String(error));
    }
  };
  const worker = async () => {
    while (balancer.inRotation && performance.now() < deadline) {
      await send(() => app.fetch(`/orders/${orderId}`), 200);
      if (!balancer.inRotation) break;
      await send(() => postOrder(app, AN_ORDER), 201);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return figures;
}
