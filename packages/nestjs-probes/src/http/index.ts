export { HttpHealthModule } from './http-health.module';
export {
  type HttpHealthAsyncOptions,
  type HttpHealthDetails,
  type HttpHealthMethod,
  type HttpHealthOptions,
} from './http-health-options.interface';
