export {
  type MicroserviceHealthAsyncOptions,
  type MicroserviceHealthDetails,
  type MicroserviceHealthOptions,
} from './microservice-health-options.interface';
export { MicroserviceHealthModule } from './microservice-health.module';
