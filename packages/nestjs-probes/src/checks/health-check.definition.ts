import { type HealthCheckRefresh, type ProbeKind } from '../interfaces';

/**
 * A discovered `@HealthCheck()` with every option resolved and validated.
 *
 * @internal
 */
export interface HealthCheckDefinition {
  readonly name: string;
  /** `ClassName.methodName`, for messages. */
  readonly owner: string;
  readonly critical: boolean;
  readonly ttl: number;
  readonly timeout: number;
  readonly probes: readonly ProbeKind[];
  readonly refresh: HealthCheckRefresh;
  readonly staleAfter: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
  readonly invoke: (signal: AbortSignal) => unknown;
}
