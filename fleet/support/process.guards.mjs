/**
 * Ctrl-C, SIGTERM or SIGHUP end the run with 130; `exit` hooks then kill the replicas
 * (child.registry.mjs) and the throwaway PostgreSQL (@internal/test-servers' exit reaper).
 */
export function exitOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\nfleet: interrupted (${signal}), cleaning up`);
      process.exit(130);
    });
  }
}

/** Ends the run with exit code 2 should it last longer than `ms`. */
export function startWatchdog(ms) {
  const timer = setTimeout(() => {
    console.error(`fleet: the run exceeded ${Math.round(ms / 1000)} s, stopping`);
    process.exit(2);
  }, ms);
  return () => clearTimeout(timer);
}
