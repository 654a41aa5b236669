import { type ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { isDatabaseUnavailable } from './database-unavailable.util';

const RETRY_AFTER_SECONDS = '5';

/**
 * A request that cannot reach the database answers 503 with `Retry-After`, not a bare 500: the
 * caller learns the failure is on our side and temporary. Everything else goes to Nest's handler.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || !isDatabaseUnavailable(error)) {
      return super.catch(error, host);
    }
    const adapter = this.httpAdapterHost!.httpAdapter;
    const response = host.switchToHttp().getResponse();
    adapter.setHeader(response, 'Retry-After', RETRY_AFTER_SECONDS);
    adapter.reply(
      response,
      { statusCode: HttpStatus.SERVICE_UNAVAILABLE, message: 'database unavailable, retry later' },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}
