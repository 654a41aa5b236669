import { type IncomingMessage, type ServerResponse } from 'node:http';
import { writeProbeReply } from './probe-answer.writer';
import { type PublicProbeResponder } from './public-probe.responder';

/** @internal The part of an Express application the binding uses. */
export interface ExpressLike {
  use(
    handler: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
  ): unknown;
}

/**
 * One application-level middleware, added while Nest registers module middleware: ahead of every
 * Nest middleware, guard, interceptor, pipe and route, so no global guard or throttler ever sees a
 * probe. Any other request goes on after one prefix comparison.
 *
 * @internal
 */
export function serveProbesOnExpress(app: ExpressLike, responder: PublicProbeResponder): void {
  app.use(function healthProbes(request, response, next) {
    const reply = responder.answer(request.method, request.url ?? '', request.headers.accept);
    if (reply === undefined) return next();
    writeProbeReply(response, reply, request.method === 'HEAD');
  });
}
