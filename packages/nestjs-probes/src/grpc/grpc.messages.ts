import { describeValue } from '../health.messages';

/** @internal */
export const INVALID_GRPC_OPTION = (option: string, expected: string, actual: unknown) =>
  `GrpcHealthModule.register(): option "${option}" must be ${expected}, got ${describeValue(actual)}.`;

/** @internal */
export const UNKNOWN_GRPC_OPTION = (option: string, known: readonly string[]) =>
  `GrpcHealthModule.register(): unknown option "${option}". Known options: ${known.join(', ')}.`;

/** @internal */
export const GRPC_WITHOUT_HEALTH_MODULE =
  'GrpcHealthModule: HealthModule is not imported. Import HealthModule.forRoot() (or forRootAsync()) in the application next to GrpcHealthModule.';

/** @internal */
export const INVALID_GRPC_SERVER_OPTIONS = (actual: unknown) =>
  `withGrpcHealth(): expected the gRPC microservice options ({ transport: Transport.GRPC, options: { url, ... } }), got ${describeValue(actual)}.`;

/** @internal The details of a `Check` answered NOT_FOUND; the name is the caller's own. */
export const UNKNOWN_GRPC_SERVICE = (service: string, known: readonly string[]) =>
  `unknown service ${JSON.stringify(service)}; known: ${known.map((name) => JSON.stringify(name)).join(', ')}`;
