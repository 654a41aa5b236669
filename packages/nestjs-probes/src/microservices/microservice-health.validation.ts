import { type OptionFailure } from '../ready-made/ready-made-check.registrar';
import { checkMilliseconds } from '../ready-made/ready-made.validation';
import {
  type MicroserviceHealthOptions,
  type ResolvedMicroserviceHealthOptions,
} from './microservice-health-options.interface';
import { endpointOf, supportedClasses } from './microservice-transport.util';
import { EXPECTED_SUPPORTED, ONE_OF_CLIENT_OR_SERVER } from './microservices.messages';

/**
 * Validates the options, and that the injected instance is a client (`client`) or a server
 * (`server`) of a supported transport, with the `status` observable and `unwrap()` that NestJS 11
 * and 12 give both.
 *
 * @internal
 */
export function resolveMicroserviceOptions(
  { client, server, degradedAboveMs }: MicroserviceHealthOptions,
  fail: OptionFailure,
  [instance]: readonly unknown[],
): ResolvedMicroserviceHealthOptions {
  if ((client === undefined) === (server === undefined)) {
    fail('client', ONE_OF_CLIENT_OR_SERVER, client);
  }
  const role = client !== undefined ? 'client' : 'server';
  const endpoint = endpointOf(instance);
  const api = instance as { status?: { subscribe?: unknown }; unwrap?: unknown } | undefined;
  const readable = typeof api?.status?.subscribe === 'function' && typeof api.unwrap === 'function';
  if (endpoint?.role !== role || !readable) {
    fail(role, EXPECTED_SUPPORTED(role, supportedClasses(role)), describeInstance(instance));
  }
  checkMilliseconds('degradedAboveMs', degradedAboveMs, fail);
  return { endpoint: endpoint!, degradedAboveMs };
}

/** Names the class of what was injected: `String()` of a client says only "[object Object]". */
function describeInstance(instance: unknown): unknown {
  if (typeof instance !== 'object' || instance === null) return instance;
  return `an instance of ${instance.constructor?.name ?? 'Object'}`;
}
