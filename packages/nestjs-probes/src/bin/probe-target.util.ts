import {
  PROBE_INVALID_PORT,
  PROBE_INVALID_URL,
  PROBE_UNSUPPORTED_PROTOCOL,
} from './probe.messages';
import { ProbeUsageError } from './probe-usage.error';

/** @internal */
export const DEFAULT_PROBE_PORT = 3000;

/**
 * What to request: a URL free of credentials (safe to print, and accepted by `fetch`, which
 * rejects URLs carrying them) and the headers to send, Basic auth included when the URL had any.
 *
 * @internal
 */
export interface ProbeTarget {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Resolves the command's argument: an http(s) URL as given, or a path starting with `/` against
 * `http://127.0.0.1:$PORT`, the app in the same container. Throws {@link ProbeUsageError}.
 *
 * @internal
 */
export function resolveProbeTarget(target: string, env: NodeJS.ProcessEnv): ProbeTarget {
  // Concatenated, not resolved: `new URL('//host/x', base)` would leave the container.
  const url = parseUrl(target.startsWith('/') ? `${localOrigin(env)}${target}` : target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProbeUsageError(PROBE_UNSUPPORTED_PROTOCOL(url.protocol));
  }
  const headers: Record<string, string> = { 'user-agent': 'nestjs-probes' };
  if (url.username || url.password) {
    const credentials = `${decode(url.username)}:${decode(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return { url: url.href, headers };
}

function localOrigin(env: NodeJS.ProcessEnv): string {
  const port = env.PORT?.trim() || String(DEFAULT_PROBE_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new ProbeUsageError(PROBE_INVALID_PORT(port));
  }
  return `http://127.0.0.1:${Number(port)}`;
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new ProbeUsageError(PROBE_INVALID_URL);
  }
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}
