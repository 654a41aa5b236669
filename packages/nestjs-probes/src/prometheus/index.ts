export {
  type PrometheusHealthAsyncOptions,
  type PrometheusHealthOptions,
} from './prometheus-health-options.interface';
export { PrometheusHealthModule } from './prometheus-health.module';
