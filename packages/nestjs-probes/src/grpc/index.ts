export { type GrpcHealthOptions } from './grpc-health-options.interface';
export { GrpcHealthModule } from './grpc-health.module';
export { type GrpcHealthServerOptions, withGrpcHealth } from './with-grpc-health.util';
