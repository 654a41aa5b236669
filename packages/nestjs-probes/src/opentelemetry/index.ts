export {
  type OpenTelemetryHealthAsyncOptions,
  type OpenTelemetryHealthOptions,
} from './opentelemetry-health-options.interface';
export { OpenTelemetryHealthModule } from './opentelemetry-health.module';
