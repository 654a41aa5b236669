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
 * An error answer with headers of its own: `Retry-After` on a 429, `Content-Type:
 * application/health+json` on a 503 of `/details`. A body given as text is sent as it is: NestJS 11's
 * Express adapter would reset any non-JSON `Content-Type` of an object body on an error status.
 *
 * @internal
 */
export class HeadedAnswerException extends HttpException {
  constructor(
    body: object | string,
    status: number,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(body, status);
  }
}

/**
 * Writes such an answer. A filter, so it runs on that path alone: the handlers take no response
 * parameter for headers they rarely set.
 *
 * @internal
 */
@Injectable()
@Catch(HeadedAnswerException)
export class HeadedAnswerFilter implements ExceptionFilter<HeadedAnswerException> {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: HeadedAnswerException, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const response = host.switchToHttp().getResponse();
    for (const [name, value] of Object.entries(exception.headers))
      adapter.setHeader(response, name, value);
    adapter.reply(response, exception.getResponse(), exception.getStatus());
  }
}
