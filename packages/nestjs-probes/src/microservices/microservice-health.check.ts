import { type OnModuleDestroy } from '@nestjs/common';
import { type ReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { PING_SLOW } from '../ready-made/ready-made.messages';
import { degraded, down } from '../results/health-status';
import { roundToTenth } from '../utils/round-to-tenth.util';
import { SingleOutstandingCall } from '../utils/single-outstanding-call.util';
import {
  type MicroserviceHealthDetails,
  type ResolvedMicroserviceHealthOptions,
} from './microservice-health-options.interface';
import {
  BROKER_BLOCKS,
  CONNECTION_GONE,
  HAS_NO_CONNECTION,
  NOT_CONNECTED,
} from './microservices.messages';
import {
  connectionOf,
  type MicroserviceLike,
  ROUND_TRIPS,
  type TransportConnection,
} from './transport-connection.util';

// What the Nest clients and servers emit on `status` while they can send: every transport says
// "connected"; RMQ says "unblocked" when a resource alarm clears.
const USABLE_STATUSES = new Set(['connected', 'unblocked']);

/**
 * Checks the app's own microservice client or server. Down at once while its status (the `status`
 * observable of `@nestjs/microservices`) or its library says it has no usable connection: a
 * message would wait for a reconnect. Otherwise one cheap round trip on the existing connection
 * (NATS PING, AMQP passive declare, MQTT PINGREQ, Redis PING), never two at a time, never a new
 * connection.
 *
 * @internal
 */
export class MicroserviceHealthCheck implements ReadyMadeCheck, OnModuleDestroy {
  private readonly outstanding: SingleOutstandingCall;
  private readonly subscription: { unsubscribe(): void };
  private status?: string;

  constructor(
    private readonly options: ResolvedMicroserviceHealthOptions,
    private readonly instance: MicroserviceLike,
  ) {
    this.outstanding = new SingleOutstandingCall(ROUND_TRIPS[options.endpoint.transport]);
    // A ReplaySubject: the last status so far arrives at once, so a late subscriber misses none.
    this.subscription = instance.status.subscribe({
      next: (status) => (this.status = status),
      error: () => (this.status = 'errored'),
    });
  }

  async check(): Promise<unknown> {
    const { endpoint, degradedAboveMs } = this.options;
    const connection = this.usableConnection();
    if (typeof connection === 'string') return down(connection);
    const startedAt = performance.now();
    await this.outstanding.run(() => connection.roundTrip());
    const latencyMs = roundToTenth(performance.now() - startedAt);
    const details: MicroserviceHealthDetails = { transport: endpoint.transport, latencyMs };
    if (degradedAboveMs !== undefined && latencyMs > degradedAboveMs) {
      return degraded(PING_SLOW(latencyMs, degradedAboveMs), { ...details });
    }
    return details;
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** The connection to send the round trip on, or why there is none. */
  private usableConnection(): TransportConnection | string {
    const { endpoint } = this.options;
    const status = this.status;
    if (status === undefined) return HAS_NO_CONNECTION(endpoint);
    if (status === 'blocked') return BROKER_BLOCKS(endpoint);
    if (!USABLE_STATUSES.has(status)) return NOT_CONNECTED(endpoint, status);
    let connection: TransportConnection;
    try {
      connection = connectionOf(endpoint.transport, this.instance);
    } catch {
      return HAS_NO_CONNECTION(endpoint); // unwrap() throws until connected, and after close()
    }
    const unusable = connection.unusable();
    return unusable === undefined ? connection : CONNECTION_GONE(endpoint, unusable);
  }
}
