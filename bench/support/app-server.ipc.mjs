import { startCpuMeter } from './cpu-usage.meter.mjs';

/**
 * The child side of `startAppServer`: reports `ready` with the app's port, measures its own CPU
 * between `cpu-start` and `cpu-stop`, reports its heap after a full GC and its open handles on
 * `memory` (GC only under --expose-gc), and closes the app (then `onClose`) on `stop` or when the
 * parent goes away.
 */
export function serveOverIpc(app, port, { onClose = async () => {} } = {}) {
  let meter = startCpuMeter();
  process.on('message', (message) => {
    if (message === 'cpu-start') {
      meter = startCpuMeter();
      process.send({ type: 'cpu-started' });
    } else if (message === 'cpu-stop') {
      const { percent, cpuMicros } = meter.read();
      process.send({ type: 'cpu', percent, cpuMicros });
    } else if (message === 'memory') {
      process.send({ type: 'memory', ...memoryFigures() });
    } else if (message === 'stop') {
      // app.close() lets --cpu-prof write its profile on a clean exit.
      app
        .close()
        .then(onClose)
        .finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port, pid: process.pid });
}

/** Heap in use after two full GCs (when exposed), and the handles keeping the loop alive, by kind. */
function memoryFigures() {
  const gced = typeof globalThis.gc === 'function';
  if (gced) {
    globalThis.gc();
    globalThis.gc();
  }
  const handles = {};
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
  return { heapUsed: process.memoryUsage().heapUsed, gced, handles };
}
