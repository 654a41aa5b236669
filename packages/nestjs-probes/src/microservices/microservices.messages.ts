import { type MicroserviceEndpoint } from './microservice-transport.util';

const named = ({ transport, role }: MicroserviceEndpoint) => `the ${transport} ${role}`;

// Nest clients connect lazily (first send) unless connected at start; servers on listen().
const CONNECT_HINT = {
  client: 'the check never connects it: have the app call client.connect() when it starts',
  server: 'it connects when the app calls startAllMicroservices() or listen()',
} as const;

/** @internal */
export const HAS_NO_CONNECTION = (endpoint: MicroserviceEndpoint) =>
  `${named(endpoint)} has no connection (not connected yet, or closed); ${CONNECT_HINT[endpoint.role]}`;

/** @internal */
export const NOT_CONNECTED = (endpoint: MicroserviceEndpoint, status: string) =>
  `${named(endpoint)} is "${status}"; nothing sent, since it would wait for a reconnect`;

/** @internal */
export const BROKER_BLOCKS = (endpoint: MicroserviceEndpoint) =>
  `the ${endpoint.transport} broker blocks the connection of ${named(endpoint)} (a resource alarm): nothing can be published`;

/** @internal */
export const CONNECTION_GONE = (endpoint: MicroserviceEndpoint, what: string) =>
  `${named(endpoint)} reports connected, but ${what}`;

/** @internal */
export const ONE_OF_CLIENT_OR_SERVER =
  'the injection token of the app\'s ClientProxy, or else option "server" (exactly one of the two)';

/** @internal */
export const EXPECTED_SUPPORTED = (option: 'client' | 'server', supported: readonly string[]) =>
  option === 'client'
    ? `the token of a ClientProxy of one of these transports: ${supported.join(', ')}`
    : `the token of a microservice server (the strategy given to connectMicroservice()) of one of these transports: ${supported.join(', ')}`;
