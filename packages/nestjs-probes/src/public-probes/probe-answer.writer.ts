import { type ServerResponse } from 'node:http';
import { type ProbeAnswer } from './probe-answer';
import { type ProbeReply } from './public-probe.responder';

/**
 * Writes an answer on Node's response in one `writeHead` and one `end`; `HEAD` gets the same status
 * and headers, no body. A reply still waiting writes when it settles (a probe's never rejects).
 *
 * @internal
 */
export function writeProbeReply(response: ServerResponse, reply: ProbeReply, head: boolean): void {
  if (!(reply instanceof Promise)) return writeAnswer(response, reply, head);
  void reply.then((answer) => writeAnswer(response, answer, head));
}

function writeAnswer(response: ServerResponse, answer: ProbeAnswer, head: boolean): void {
  // The client may have gone while a check ran: nothing to write to.
  if (response.destroyed) return;
  response.writeHead(answer.statusCode, answer.headers);
  response.end(head ? undefined : answer.body);
}
