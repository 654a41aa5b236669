export { HttpHealthModule } from './http-health.module';
export {
  type HttpHealthDetails,
  type HttpHealthMethod,
  type HttpHealthOptions,
} from './http-health-options.interface';
