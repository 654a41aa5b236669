/**
 * CPU time of this process from now on: `meter.read()` gives the microseconds used, the wall time
 * in ms and the share of one core (%) since the meter started.
 */
export function startCpuMeter() {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  return {
    read() {
      const { user, system } = process.cpuUsage(cpuStart);
      const wallMs = performance.now() - wallStart;
      const cpuMicros = user + system;
      return { cpuMicros, wallMs, percent: (cpuMicros / 1000 / wallMs) * 100 };
    },
  };
}
