import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Injectable,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * An error answer that says when to ask again (429, 503).
 *
 * @internal
 */
export class RetryAfterException extends HttpException {
  constructor(
    body: object,
    status: number,
    readonly retryAfterSeconds: number,
  ) {
    super(body, status);
  }
}

/**
 * Adds `Retry-After` to such an answer. A filter, so it runs on that path alone: the handlers take
 * no response parameter for a header they rarely set.
 *
 * @internal
 */
@Injectable()
@Catch(RetryAfterException)
export class RetryAfterFilter implements ExceptionFilter<RetryAfterException> {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: RetryAfterException, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const response = host.switchToHttp().getResponse();
    adapter.setHeader(response, 'Retry-After', String(exception.retryAfterSeconds));
    adapter.reply(response, exception.getResponse(), exception.getStatus());
  }
}
