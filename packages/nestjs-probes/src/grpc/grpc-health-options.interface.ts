/**
 * Options of `GrpcHealthModule.register()`.
 *
 * @publicApi
 */
export interface GrpcHealthOptions {
  /**
   * While at least one `Watch` stream is open, how often its probe is read again (milliseconds),
   * as an HTTP probe would: a check refreshed `on-probe` has no other reason to run, so without it
   * a watcher would never see that check change. A read runs nothing while results are fresh
   * (their `ttl`). Status changes seen by the health module (a background check, shutdown) are
   * sent at once, whatever this interval.
   *
   * @default 5000
   */
  watchInterval?: number;
}

/** @internal */
export interface ResolvedGrpcHealthOptions {
  readonly watchInterval: number;
}
