import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Inject,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * A probe's 503, saying when to ask again.
 *
 * @internal
 */
export class ProbeUnavailableException extends ServiceUnavailableException {
  constructor(
    body: object,
    readonly retryAfterSeconds: number,
  ) {
    super(body);
  }
}

/**
 * Adds `Retry-After` to a probe's 503. A filter, so it runs on the 503 path alone: the 200 hot path
 * takes no response parameter for a header it never sets.
 *
 * @internal
 */
@Injectable()
@Catch(ProbeUnavailableException)
export class ProbeUnavailableFilter implements ExceptionFilter<ProbeUnavailableException> {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: ProbeUnavailableException, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const response = host.switchToHttp().getResponse();
    adapter.setHeader(response, 'Retry-After', String(exception.retryAfterSeconds));
    adapter.reply(response, exception.getResponse(), exception.getStatus());
  }
}
