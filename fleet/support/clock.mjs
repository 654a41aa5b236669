/** Wall time in ms (monotonic) and sleeping, as the kubelet's workers see them. */
export const realClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export const sleep = realClock.sleep;
