import { type HealthCheckRefresh, type HealthDetailsOptions } from '../interfaces';

/**
 * What a role lookup answers; `HealthAdminGuard` vets it, since it comes from user code.
 *
 * @publicApi
 */
export type RolesReading = ReturnType<NonNullable<HealthDetailsOptions['rolesOf']>>;

/**
 * The module options with every default filled in and validated, as injected under
 * `getHealthOptionsToken()` (for instance into a subclass of `HealthAdminGuard`).
 *
 * @publicApi
 */
export interface ResolvedHealthOptions {
  readonly defaults: {
    readonly critical: boolean;
    readonly ttl: number;
    readonly timeout: number;
    readonly refresh: HealthCheckRefresh;
    readonly failureThreshold: number;
    readonly successThreshold: number;
  };
  readonly details: {
    readonly roles: readonly string[];
    readonly rolesOf: (request: any) => RolesReading;
  };
  readonly probeTimeout: number;
  readonly followGlobalPrefix: boolean;
  readonly adminRateLimit: { readonly perSecond: number; readonly burst: number } | false;
  readonly shutdown: { readonly drainDelay: number };
  readonly version?: string;
  readonly serviceId?: string;
}
