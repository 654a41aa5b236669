import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import {
  concat,
  defer,
  distinctUntilChanged,
  filter,
  finalize,
  from,
  interval,
  map,
  merge,
  mergeMap,
  NEVER,
  type Observable,
  of,
  ReplaySubject,
  share,
  takeUntil,
} from 'rxjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProbeKind } from '../interfaces';
import {
  GRPC_RESOLVED_OPTIONS,
  PROBE_OF_SERVICE,
  SERVING_STATUS,
  type ServingStatus,
} from './grpc-health.constants';
import { type ResolvedGrpcHealthOptions } from './grpc-health-options.interface';
import { GrpcServingStatusReader } from './grpc-serving-status.reader';

/**
 * How long the last hook waits for ended streams' trailers to be written: without it, the
 * `forceShutdown` Nest runs right after (its default) drops them, and watchers see CANCELLED
 * instead of OK (the shutdown e2e shows it on every host).
 */
const TRAILERS_GRACE_MS = 50;

/** @internal One message of a `Watch` stream. */
export interface ServingStatusMessage {
  readonly status: ServingStatus;
}

/**
 * Serves `Watch`: the current status at once, then each change of it, for as long as the client
 * stays. The probe is read again on every health status change and lifecycle change (so shutdown
 * reaches watchers at once) and every `watchInterval` while any stream is open (so an `on-probe`
 * check gets refreshed, as an HTTP probe would). Every stream ends, with status OK, at
 * `beforeApplicationShutdown`: after the drain, before the gRPC server closes, so a graceful
 * server shutdown is not held by watchers.
 *
 * @internal
 */
@Injectable()
export class GrpcHealthWatcher implements BeforeApplicationShutdown {
  // Replays: a stream opened after the hook (before the server closes) ends at once.
  private readonly closing = new ReplaySubject<void>(1);
  private readonly ticks: Observable<number>;
  private open = 0;

  constructor(
    private readonly reader: GrpcServingStatusReader,
    @Inject(GRPC_RESOLVED_OPTIONS) options: ResolvedGrpcHealthOptions,
  ) {
    // One timer for every open stream, gone with the last one.
    this.ticks = interval(options.watchInterval).pipe(share());
  }

  watch(service: string): Observable<ServingStatusMessage> {
    const probe = PROBE_OF_SERVICE.get(service);
    return defer(() => {
      // The set of names never changes: an unknown one stays unknown, and its stream stays open.
      const statuses =
        probe === undefined
          ? concat(of<ServingStatus>(SERVING_STATUS.SERVICE_UNKNOWN), NEVER)
          : this.statusesOf(probe);
      this.open++;
      return statuses.pipe(
        distinctUntilChanged(),
        map((status) => ({ status })),
        takeUntil(this.closing),
        finalize(() => this.open--),
      );
    });
  }

  /**
   * Ends every stream, then gives their trailers (status OK) a moment to leave: the server may be
   * closed by `forceShutdown` right after this hook, which drops what is not yet written.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const open = this.open;
    this.closing.next();
    if (open > 0) await sleep(TRAILERS_GRACE_MS);
  }

  /**
   * Every read of the probe, in the order they were asked for: a slow read that ends after a
   * newer one is dropped, so the last status sent is the newest.
   */
  private statusesOf(probe: ProbeKind): Observable<ServingStatus> {
    let asked = 0;
    let sent = 0;
    const triggers = merge(of(undefined), this.ticks, ...this.reader.changes());
    return triggers.pipe(
      mergeMap(() => {
        const order = ++asked;
        const reading = this.reader.readProbe(probe);
        const read = reading instanceof Promise ? from(reading) : of(reading);
        return read.pipe(map((status) => [order, status] as const));
      }),
      filter(([order]) => (order > sent ? ((sent = order), true) : false)),
      map(([, status]) => status),
    );
  }
}
