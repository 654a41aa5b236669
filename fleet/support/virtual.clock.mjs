/** A clock for the kubelet's unit specs: time moves only when `advance(ms)` says so. */
export class VirtualClock {
  constructor() {
    this.t = 0;
    this.timers = [];
    this.now = () => this.t;
    this.sleep = (ms) =>
      new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), resolve }));
  }

  /** Runs every timer due within `ms`, in order, letting each continuation run before the next. */
  async advance(ms) {
    const end = this.t + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.resolve();
    }
    this.t = end;
    await settle();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
