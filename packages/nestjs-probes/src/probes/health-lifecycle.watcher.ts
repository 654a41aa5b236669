import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type IncomingMessage, ServerResponse } from 'node:http';
import { type Observable, Subject } from 'rxjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { HEALTH_RESOLVED_OPTIONS, LOGGER_CONTEXT } from '../health.constants';
import { SHUTDOWN_DRAINING } from '../health.messages';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';

/**
 * Watches where the application is in its life, for the probes: bootstrapped (the startup probe may
 * open), and shutting down (readiness answers 503 from the first shutdown hook on, so the load
 * balancer drains this instance while liveness stays 200 and in-flight requests finish).
 *
 * @internal
 */
@Injectable()
export class HealthLifecycleWatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private hasBootstrapped = false;
  private isShuttingDown = false;
  private isDrained = false;
  private readonly logger = new Logger(LOGGER_CONTEXT);
  private readonly changes = new Subject<void>();
  /** Emits when any flag changes. */
  readonly changed$: Observable<void> = this.changes.asObservable();

  constructor(
    @Inject(HEALTH_RESOLVED_OPTIONS) private readonly options: ResolvedHealthOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get bootstrapped(): boolean {
    return this.hasBootstrapped;
  }

  get shuttingDown(): boolean {
    return this.isShuttingDown;
  }

  /** Drained by an operator (`POST /{path}/drain`) for maintenance, until restored. */
  get drained(): boolean {
    return this.isDrained;
  }

  /** Readiness answers 503 whatever the checks say: shutting down, or drained. */
  get readinessWithdrawn(): boolean {
    return this.isShuttingDown || this.isDrained;
  }

  /** Returns whether the flag changed. */
  setDrained(drained: boolean): boolean {
    if (this.isDrained === drained) return false;
    this.isDrained = drained;
    this.changes.next();
    return true;
  }

  onApplicationBootstrap(): void {
    this.hasBootstrapped = true;
    this.changes.next();
  }

  /**
   * `onModuleDestroy` is the first hook of `app.close()`, before any `beforeApplicationShutdown` or
   * connection-closing `onApplicationShutdown`: holding it for the drain delay keeps every
   * dependency open while the load balancer catches up. Background checks go on until
   * `beforeApplicationShutdown`, so liveness stays fresh through the drain (#9).
   */
  async onModuleDestroy(): Promise<void> {
    this.isShuttingDown = true;
    this.changes.next();
    this.closeConnectionsAfterEachAnswer();
    const { drainDelay } = this.options.shutdown;
    if (drainDelay === 0) return;
    this.logger.log(SHUTDOWN_DRAINING(drainDelay));
    await sleep(drainDelay);
  }

  /**
   * kube-proxy steers only new connections away from a terminating pod: a keep-alive client would
   * keep sending on its socket until the listener closes it under a request in flight (#9). Every
   * answer from now on says `Connection: close`, on Express and Fastify alike, since both hand
   * Node's `ServerResponse` to the server's `request` listeners.
   */
  private closeConnectionsAfterEachAnswer(): void {
    const server = this.adapterHost?.httpAdapter?.getHttpServer?.();
    if (typeof server?.prependListener !== 'function') return;
    server.prependListener('request', (_request: IncomingMessage, response: unknown) => {
      // An HTTP/2 answer has no Connection header: its streams end with the session.
      if (response instanceof ServerResponse && !response.headersSent)
        response.setHeader('Connection', 'close');
    });
  }
}
