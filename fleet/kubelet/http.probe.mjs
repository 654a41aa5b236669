import http from 'node:http';

const BODY_LIMIT = 10 * 1024;

/**
 * One HTTP probe as the kubelet makes it: a GET on a new connection (no keep-alive), success for
 * a status from 200 to 399, failure for any other status, a refused or reset connection, or no
 * answer within `timeoutMs`. Reads at most 10 KiB of the body, as the kubelet does. Never rejects.
 */
export function httpProbe({ host, port, path, timeoutMs }) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result, detail) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ result, detail });
    };
    const request = http.get(
      {
        host,
        port,
        path,
        agent: false,
        headers: { 'User-Agent': 'kube-probe/fleet', Connection: 'close' },
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk) => {
          read += chunk.length;
          if (read >= BODY_LIMIT) response.destroy();
        });
        const code = response.statusCode ?? 0;
        const verdict = () =>
          finish(code >= 200 && code < 400 ? 'success' : 'failure', `HTTP ${code}`);
        response.on('end', verdict);
        response.on('close', verdict);
        response.on('error', verdict);
      },
    );
    request.on('error', (error) => finish('failure', error.code ?? error.message));
    const timer = setTimeout(() => finish('failure', `timeout ${timeoutMs} ms`), timeoutMs);
  });
}
