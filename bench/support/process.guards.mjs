/** Ctrl-C or a SIGTERM ends the run with 130 and a note on stderr (`exit` handlers still run). */
export function exitOnInterrupt() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`\ninterrupted (${signal})`);
      process.exit(130);
    });
  }
}

/** Ends the run with exit code 2 should it last longer than `ms`. */
export function startWatchdog(ms) {
  const watchdog = setTimeout(() => {
    console.error(`run exceeded ${ms / 1000} s: stopping`);
    process.exit(2);
  }, ms);
  watchdog.unref();
}

/** Runs a bench's `main`: any error is printed and ends the run with exit code 1. */
export function runMain(main) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
