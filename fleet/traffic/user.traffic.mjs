import http from 'node:http';
import { sleep } from '../support/clock.mjs';

const HOST = '127.0.0.1';
const IDLE_CLOSE_MS = 4_000;

/**
 * User traffic through one side's Service, every request recorded in `requests`
 * (`{ kind, sentAt, doneAt, ok, status, outcome }`). A request fails when it does not end in 2xx
 * within `timeoutMs` (the user's patience), whatever the cause: an error status (`http 5xx`), a
 * connection dropped or reset (`connection-error`) or no answer (`timeout`). Clients keep their
 * connections alive, as service clients and browsers do.
 */
export class UserTraffic {
  constructor({ port, clock, requests, timeoutMs }) {
    Object.assign(this, { port, clock, requests, timeoutMs });
    // An idle connection is closed by the client before the server's keep-alive timeout (Node's
    // 5 s) can close it under a request being sent: that race resets requests on any server.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: IDLE_CLOSE_MS });
    this.inFlight = new Map(); // promise -> kind
    this.stoppers = [];
  }

  /** Open loop: `perSecond` quick reads (GET /orders), evenly spaced, until stopped. */
  startReads(perSecond) {
    const timer = setInterval(() => void this.send('read', '/orders'), 1000 / perSecond);
    this.stoppers.push(() => clearInterval(timer));
  }

  /**
   * Closed loop: `workers` clients, each sending a slow report (`pg_sleep(sleepMs)`) as soon as
   * its last one ended; after a failure a client waits `sleepMs` before trying again.
   */
  startSlowReports(workers, sleepMs) {
    let running = true;
    const loop = async () => {
      while (running) {
        const record = await this.send('slow', `/orders/report?sleepMs=${sleepMs}`);
        if (!record.ok && running) await sleep(sleepMs);
      }
    };
    for (let i = 0; i < workers; i++) void loop();
    const stop = () => {
      running = false;
    };
    this.stoppers.push(stop);
    return stop;
  }

  /** Stops sending and waits for what is in flight. */
  async stop() {
    for (const stop of this.stoppers) stop();
    this.stoppers = [];
    await Promise.all([...this.inFlight.keys()]);
  }

  /** Waits for the requests of `kind` in flight now. */
  async settled(kind) {
    await Promise.all([...this.inFlight].filter(([, k]) => k === kind).map(([done]) => done));
  }

  destroy() {
    this.agent.destroy();
  }

  send(kind, path) {
    const record = { kind, sentAt: this.clock.now() };
    this.requests.push(record);
    const done = new Promise((resolve) => {
      const finish = (status, outcome) => {
        if (record.doneAt !== undefined) return;
        clearTimeout(timer);
        Object.assign(record, {
          doneAt: this.clock.now(),
          status,
          outcome,
          ok: status >= 200 && status < 300,
        });
        resolve(record);
      };
      const req = http.get({ host: HOST, port: this.port, path, agent: this.agent }, (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => finish(status, `http ${status}`));
        res.on('error', () => finish(0, 'connection-error'));
        res.on('close', () => finish(0, 'connection-error'));
      });
      req.on('error', () => finish(0, 'connection-error'));
      const timer = setTimeout(() => {
        req.destroy();
        finish(0, 'timeout');
      }, this.timeoutMs);
    });
    this.inFlight.set(done, kind);
    void done.then(() => this.inFlight.delete(done));
    return done;
  }
}
