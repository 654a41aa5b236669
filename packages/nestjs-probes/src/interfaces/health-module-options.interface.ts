import { type HealthCheckRefresh } from './health-check-options.interface';

/**
 * Defaults applied to every `@HealthCheck()` that does not set the field itself.
 *
 * @publicApi
 */
export interface HealthCheckDefaults {
  /** @default true */
  critical?: boolean;
  /** Milliseconds. @default 5000 */
  ttl?: number;
  /** Milliseconds. @default 2000 */
  timeout?: number;
  /** @default 'on-probe' */
  refresh?: HealthCheckRefresh;
  /** Consecutive failed runs before a check counts as down. @default 1 */
  failureThreshold?: number;
  /** Consecutive good runs before a down check counts as up again. @default 1 */
  successThreshold?: number;
}

/**
 * Who may read the detailed diagnostics endpoint.
 *
 * @publicApi
 */
export interface HealthDetailsOptions {
  /**
   * A caller needs at least one of these roles.
   * @default ['admin']
   */
  roles?: string[];
  /**
   * Reads the caller's roles from the request, as set by the application's own auth guard; it may
   * return a promise (an async lookup). Roles match exactly, and only the string entries count.
   * - an array holding a required role: 200; without one: 403;
   * - `undefined` or `null`: unauthenticated, 401;
   * - a throw or a rejected promise: the caller's identity cannot be established, 401;
   * - anything else (a string, a `Set`, a number, an object): 403, never a match.
   *
   * A throw or an answer that is not an array is logged as a warning, once.
   * @default (request) => request.user ? (request.user.roles ?? []) : undefined
   */
  rolesOf?: (
    request: any,
  ) => readonly string[] | undefined | null | Promise<readonly string[] | undefined | null>;
}

/**
 * What readiness does when the application shuts down.
 *
 * @publicApi
 */
export interface HealthShutdownOptions {
  /**
   * Milliseconds to keep serving after readiness turned 503 and before Nest goes on to close the
   * listener, so load balancers and Kubernetes endpoints stop routing here first. Choose more than
   * the readiness probe's `periodSeconds × failureThreshold`, and less than the grace period.
   * @default 0
   */
  drainDelay?: number;
}

/**
 * How often the admin routes that may run checks (`/details`, `/events`, `/checks/{name}/refresh`)
 * answer, all callers together: a token bucket. Beyond it they answer 429 with `Retry-After` at
 * once, never queued.
 *
 * @publicApi
 */
export interface HealthAdminRateLimit {
  /** Requests per second, sustained. @default 5 */
  perSecond?: number;
  /** Requests allowed at once on top of the sustained rate. @default 10 */
  burst?: number;
}

/**
 * Options of `HealthModule.forRoot()` / `forRootAsync()` (what an async factory returns). All are
 * optional. The extras (`path`, `adminGuard`) go next to them; an async factory may also return
 * `path`.
 *
 * @publicApi
 */
export interface HealthModuleOptions {
  /**
   * Route prefix of every health route, from an async factory (`forRoot()` takes it as an extra).
   * @default 'health'
   */
  path?: string;
  /**
   * Whether the public probes (`live`, `ready`, `startup` and their per-check views) move under
   * `app.setGlobalPrefix()` as Nest routes do. By default they stay at `/{path}/...` whatever the
   * prefix or URI versioning, where the orchestrator's manifests point. The admin routes are Nest
   * routes: they always follow the prefix, and are version-neutral.
   * @default false
   */
  followGlobalPrefix?: boolean;
  /** Rate limit of the admin routes that may run checks; `false` for none. */
  adminRateLimit?: HealthAdminRateLimit | false;
  /** Defaults for every check. */
  defaults?: HealthCheckDefaults;
  /** Access to the details endpoint. */
  details?: HealthDetailsOptions;
  /**
   * The orchestrator's probe timeout, in milliseconds. `/live`, `/ready` and `/startup` answer within
   * it: a check still running at the deadline counts as down for that answer while its run goes on
   * (`/details` waits up to the checks' own timeouts). An on-probe check whose `timeout` exceeds it
   * gets a bootstrap warning.
   * @default 3000
   */
  probeTimeout?: number;
  /** Shutdown behaviour: readiness turns 503 at the first shutdown hook, then drains. */
  shutdown?: HealthShutdownOptions;
  /**
   * Version shown by the details endpoint.
   * @default process.env.npm_package_version, else the `version` of `./package.json`
   */
  version?: string;
  /**
   * The service's name, `serviceId` of `/details` in `application/health+json`. Set it when the
   * process is not started from the app's own package (a monorepo's root `npm start`, say).
   * @default process.env.npm_package_name, else the `name` of `./package.json`
   */
  serviceId?: string;
}

/**
 * Implemented by a class passed to `HealthModule.forRootAsync({ useClass })`.
 *
 * @publicApi
 */
export interface HealthOptionsFactory {
  createHealthOptions(): HealthModuleOptions | Promise<HealthModuleOptions>;
}
