/**
 * The probes a check can take part in.
 * - `liveness`: in-process checks only (no I/O); a failure gets the pod restarted.
 * - `readiness`: dependencies the service needs to serve traffic.
 * - `startup`: one-time initialisation; the startup probe latches once every critical one passed.
 *
 * @publicApi
 */
export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/**
 * How a check's result is refreshed.
 * - `on-probe`: a probe that finds the cached result older than `ttl` runs the check (coalesced).
 * - `background`: the check runs every `ttl` on a timer; probes only read the last result and never
 *   wait on the dependency.
 *
 * @publicApi
 */
export type HealthCheckRefresh = 'on-probe' | 'background';

/**
 * Options of `@HealthCheck()`. Unset fields take `HealthModuleOptions.defaults`.
 *
 * @publicApi
 */
export interface HealthCheckOptions {
  /**
   * Unique name of the check in the application, shown by the details endpoint.
   * @default `${ClassName}.${methodName}`
   */
  name?: string;
  /**
   * Whether a `down` result makes its probe fail (503). A non-critical `down` makes it `degraded` (200).
   * @default true
   */
  critical?: boolean;
  /**
   * How long a result is reused, in milliseconds. `0` runs the check on every probe (still coalesced).
   * With `refresh: 'background'`, the period of the background run.
   * @default 5000
   */
  ttl?: number;
  /**
   * How long one run may take, in milliseconds; a longer run is `down` and its `AbortSignal` is aborted.
   * @default 2000
   */
  timeout?: number;
  /**
   * The probe or probes the check belongs to.
   * @default 'readiness'
   */
  probe?: ProbeKind | ProbeKind[];
  /**
   * When the check runs: on a probe that finds the result expired, or on a background timer.
   * @default 'on-probe'
   */
  refresh?: HealthCheckRefresh;
  /**
   * With `refresh: 'background'`: a result older than this (milliseconds) counts as `down`,
   * so a stalled refresher cannot keep reporting an old `up`.
   * @default 2 * ttl + timeout
   */
  staleAfter?: number;
  /**
   * Consecutive failed (`down`) runs before the check counts as down, as the kubelet names it:
   * probes, metrics and events see the damped status; details also show each run's own.
   * @default 1
   */
  failureThreshold?: number;
  /**
   * Consecutive good runs before a down check counts as up (or degraded) again.
   * @default 1
   */
  successThreshold?: number;
}
