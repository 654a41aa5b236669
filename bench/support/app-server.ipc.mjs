import { startCpuMeter } from './cpu-usage.meter.mjs';

/**
 * The child side of `startAppServer`: reports `ready` with the app's port, measures its own CPU
 * between `cpu-start` and `cpu-stop`, and closes the app on `stop` or when the parent goes away.
 */
export function serveOverIpc(app, port) {
  let meter = startCpuMeter();
  process.on('message', (message) => {
    if (message === 'cpu-start') {
      meter = startCpuMeter();
      process.send({ type: 'cpu-started' });
    } else if (message === 'cpu-stop') {
      const { percent, cpuMicros } = meter.read();
      process.send({ type: 'cpu', percent, cpuMicros });
    } else if (message === 'stop') {
      // app.close() lets --cpu-prof write its profile on a clean exit.
      app.close().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port, pid: process.pid });
}
