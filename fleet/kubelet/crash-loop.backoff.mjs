/**
 * The kubelet's restart back-off for one container (CrashLoopBackOff): `flowcontrol.Backoff` as
 * `kuberuntime_manager.go` `doBackOff` uses it. The first restart is immediate; each later one
 * waits, from the moment the container exited, 10 s, then 20 s, 40 s ... up to 300 s; an entry
 * older than twice the maximum (10 min without a restart) is forgotten. Times in ms, scaled.
 */
export class CrashLoopBackoff {
  constructor({ initialMs, maxMs }) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.entry = undefined;
  }

  /** How long to wait before restarting a container that exited at `exitedAt` (0: now). */
  delayBeforeRestart(exitedAt, now) {
    if (this.isInBackOffSince(exitedAt, now)) return exitedAt + this.entry.backoffMs - now;
    this.next(exitedAt);
    return 0;
  }

  isInBackOffSince(eventTime, now) {
    if (!this.entry || this.hasExpired(now)) return false;
    return now - eventTime < this.entry.backoffMs;
  }

  next(eventTime) {
    if (!this.entry || this.hasExpired(eventTime)) {
      this.entry = { backoffMs: this.initialMs, lastUpdate: eventTime };
    } else {
      this.entry = {
        backoffMs: Math.min(this.entry.backoffMs * 2, this.maxMs),
        lastUpdate: eventTime,
      };
    }
  }

  hasExpired(eventTime) {
    return eventTime - this.entry.lastUpdate > this.maxMs * 2;
  }
}
