import { Public } from '@app/auth';
import { Controller, Get, Header } from '@nestjs/common';
import { register } from 'prom-client';

/**
 * `GET /metrics`: prom-client's default registry in the Prometheus text format, where
 * `PrometheusHealthModule.register()` puts the health metrics. A scrape reads the last check
 * results and never runs a check.
 *
 * `@Public()`: Prometheus scrapes anonymously from inside the cluster, and a scraper that sends a
 * token of its own (a Kubernetes service-account token, say) must not be refused. The metrics name
 * the checks and their statuses, never an error text, a host or a port; still, keep `/metrics` off
 * any public ingress (deploy/README.md).
 */
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}
