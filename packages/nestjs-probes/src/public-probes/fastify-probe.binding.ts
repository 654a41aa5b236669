import { type IncomingMessage, type ServerResponse } from 'node:http';
import { writeProbeReply } from './probe-answer.writer';
import { type PublicProbeResponder } from './public-probe.responder';

/** @internal The part of a Fastify instance the binding uses. */
export interface FastifyLike {
  route(options: {
    method: string[];
    url: string;
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => void;
  }): unknown;
}
interface FastifyRequestLike {
  raw: IncomingMessage;
}
interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): unknown;
  callNotFound(): unknown;
}

// Every method, so that OPTIONS answers and the others get 405 rather than the unknown route's 404.
const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Routes of their own on the Fastify instance: Nest's guards, interceptors and pipes wrap only
 * Nest's routes. The reply is hijacked and written on Node's response, as the Express binding
 * writes it. A URL Fastify matched loosely (it decodes `%72` before matching) gets the unknown
 * route's 404.
 *
 * @internal
 */
export function serveProbesOnFastify(instance: FastifyLike, responder: PublicProbeResponder): void {
  const handler = (request: FastifyRequestLike, reply: FastifyReplyLike): void => {
    const { method, url = '', headers } = request.raw;
    const answer = responder.answer(method, url, headers.accept);
    if (answer === undefined) {
      reply.callNotFound();
      return;
    }
    reply.hijack();
    writeProbeReply(reply.raw, answer, method === 'HEAD');
  };
  const { probes, views } = responder.paths;
  for (const url of probes) instance.route({ method: METHODS, url, handler });
  for (const prefix of views) instance.route({ method: METHODS, url: `${prefix}:name`, handler });
}
