import { Injectable } from '@nestjs/common';
import { type HealthCheckRunner } from '../checks/health-check.runner';
import { type HealthStatus, type ProbeKind } from '../interfaces';
import { HealthProbeEvaluator } from '../probes/health-probe.evaluator';
import {
  METHOD_NOT_ALLOWED_ANSWER,
  OPTIONS_ANSWER,
  type ProbeAnswer,
  type ProbeFormat,
  probeAnswer,
} from './probe-answer';
import { decode, excludedChecks, probeFormat } from './probe-request';

/** The probes that have per-check views, and the segment each is served on. */
const PROBE_SEGMENTS: ReadonlyArray<readonly [string, ProbeKind]> = [
  ['live', 'liveness'],
  ['ready', 'readiness'],
  ['startup', 'startup'],
];
const VIEWED_PROBES: ReadonlySet<ProbeKind> = new Set(['liveness', 'readiness']);

/** @internal What a request answers: settled on the hot path, a promise while a check runs. */
export type ProbeReply = ProbeAnswer | Promise<ProbeAnswer>;

/**
 * Answers the public probes from a request's method, URL and `Accept`, whatever serves them:
 * `/{base}/live`, `/ready` and `/startup` (`?exclude=` on the first two), and the per-check views
 * `/{base}/live/{name}` and `/ready/{name}`. Anything else is not its business (`undefined`), so
 * the application's own 404 answers it, as for any unknown route: only exact paths answer.
 *
 * @internal
 */
@Injectable()
export class PublicProbeResponder {
  private prefix = '/';
  private readonly probes = new Map<string, ProbeKind>();
  private readonly views = new Map<string, ProbeKind>();
  // Built once: read on the 503 path alone.
  private readonly retryAfter: Record<ProbeKind, () => number>;

  constructor(private readonly evaluator: HealthProbeEvaluator) {
    this.retryAfter = {
      liveness: () => evaluator.retryAfterSeconds('liveness'),
      readiness: () => evaluator.retryAfterSeconds('readiness'),
      startup: () => evaluator.retryAfterSeconds('startup'),
    };
  }

  /** Fixes the paths, once the base (`/health`, `/api/health` or `''`) is known. */
  mountAt(base: string): void {
    this.prefix = `${base}/`;
    for (const [segment, probe] of PROBE_SEGMENTS) {
      this.probes.set(`${base}/${segment}`, probe);
      if (VIEWED_PROBES.has(probe)) this.views.set(`${base}/${segment}/`, probe);
    }
  }

  /** The exact probe paths, and the prefixes of the per-check views. */
  get paths(): { readonly probes: readonly string[]; readonly views: readonly string[] } {
    return { probes: [...this.probes.keys()], views: [...this.views.keys()] };
  }

  answer(
    method: string | undefined,
    url: string,
    accept: string | undefined,
  ): ProbeReply | undefined {
    if (!url.startsWith(this.prefix)) return undefined;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const probe = this.probes.get(path);
    if (probe !== undefined) {
      if (method !== 'GET' && method !== 'HEAD') return otherMethodAnswer(method);
      const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
      return this.probeAnswer(probe, query, probeFormat(accept));
    }
    const runner = this.viewedCheck(path);
    if (runner === undefined) return undefined;
    if (method !== 'GET' && method !== 'HEAD') return otherMethodAnswer(method);
    return this.checkAnswer(runner, probeFormat(accept));
  }

  private probeAnswer(probe: ProbeKind, query: string, format: ProbeFormat): ProbeReply {
    const evaluator = this.evaluator;
    const exclude = probe === 'startup' || query === '' ? undefined : excludedChecks(query);
    const status =
      probe === 'liveness'
        ? evaluator.liveness(exclude)
        : probe === 'readiness'
          ? evaluator.readiness(exclude)
          : evaluator.startup();
    return answerOf(status, format, this.retryAfter[probe]);
  }

  private checkAnswer(runner: HealthCheckRunner, format: ProbeFormat): ProbeReply {
    const retryAfter = () => this.evaluator.checkRetryAfterSeconds(runner);
    return answerOf(this.evaluator.checkStatus(runner), format, retryAfter);
  }

  /** The check a per-check view names, if that probe has one by that (single-segment) name. */
  private viewedCheck(path: string): HealthCheckRunner | undefined {
    const slash = path.lastIndexOf('/');
    const probe = this.views.get(path.slice(0, slash + 1));
    if (probe === undefined || slash === path.length - 1) return undefined;
    return this.evaluator.checkOf(probe, decode(path.slice(slash + 1)));
  }
}

function otherMethodAnswer(method: string | undefined): ProbeAnswer {
  return method === 'OPTIONS' ? OPTIONS_ANSWER : METHOD_NOT_ALLOWED_ANSWER;
}

function answerOf(
  status: HealthStatus | Promise<HealthStatus>,
  format: ProbeFormat,
  retryAfter: () => number,
): ProbeReply {
  if (typeof status === 'string') return probeAnswer(status, format, retryAfter);
  return status.then((settled) => probeAnswer(settled, format, retryAfter));
}
