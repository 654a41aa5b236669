import { VirtualClock } from '../support/virtual.clock.mjs';
import { ProbeWorker } from './probe.worker.mjs';

/** A pod whose probe answers are scripted per call (`'success'`/`'failure'`, or `[result, ms]`). */
function fakePod(clock, script, { started = true } = {}) {
  const pod = {
    current: { id: 1, running: true, startedAt: 0, started },
    calls: [],
    results: [],
    restarts: [],
    container: () => pod.current,
    async probe(kind) {
      const answer = script(pod.calls.length);
      const [result, ms] = Array.isArray(answer) ? answer : [answer, 0];
      pod.calls.push({ t: clock.now(), kind });
      if (ms) await clock.sleep(ms);
      return { result };
    },
    setResult: (kind, id, result) => pod.results.push({ t: clock.now(), kind, id, result }),
    restartContainer: (kind, id) => pod.restarts.push({ t: clock.now(), kind, id }),
  };
  return pod;
}

const spec = (overrides) => ({
  periodMs: 10_000,
  timeoutMs: 2_000,
  failureThreshold: 3,
  successThreshold: 1,
  initialDelayMs: 0,
  ...overrides,
});

async function run(kind, probeSpec, pod, clock, ms) {
  const worker = new ProbeWorker({ kind, spec: probeSpec, pod, clock });
  void worker.run(0);
  await clock.advance(ms);
  worker.stop();
  return worker;
}

describe('ProbeWorker (kubelet prober/worker.go)', () => {
  it('probes every periodSeconds, and restarts on the failureThreshold-th failure in a row only', async () => {
    const clock = new VirtualClock();
    const answers = ['failure', 'failure', 'success', 'failure', 'failure', 'failure', 'success'];
    const pod = fakePod(clock, (i) => answers[i] ?? 'success');
    await run('liveness', spec(), pod, clock, 65_000);
    expect(pod.calls.map((c) => c.t).slice(0, 6)).toEqual([
      0, 10_000, 20_000, 30_000, 40_000, 50_000,
    ]);
    expect(pod.restarts).toEqual([{ t: 50_000, kind: 'liveness', id: 1 }]);
    // On hold after the restart decision: no probe until a new container runs.
    expect(pod.calls).toHaveLength(6);
  });

  it('resumes probing a new container, starting from the initial result', async () => {
    const clock = new VirtualClock();
    const pod = fakePod(clock, (i) => (i < 3 ? 'failure' : 'success'));
    const worker = new ProbeWorker({ kind: 'liveness', spec: spec(), pod, clock });
    void worker.run(0);
    await clock.advance(25_000);
    expect(pod.restarts).toHaveLength(1);
    pod.current = { id: 2, running: true, startedAt: clock.now(), started: true };
    await clock.advance(10_000);
    worker.stop();
    expect(pod.calls).toHaveLength(4);
    expect(pod.results.filter((r) => r.id === 2)[0].result).toBe('success'); // liveness starts as success
  });

  it('leaves liveness and readiness idle until the startup probe succeeded, then stops startup', async () => {
    const clock = new VirtualClock();
    const pod = fakePod(clock, () => 'success', { started: false });
    await run('readiness', spec({ periodMs: 5_000 }), pod, clock, 20_000);
    expect(pod.calls).toHaveLength(0);
    expect(pod.results).toEqual([{ t: 0, kind: 'readiness', id: 1, result: 'failure' }]);

    const startupPod = fakePod(clock, () => 'success', { started: true });
    await run('startup', spec({ periodMs: 2_000 }), startupPod, clock, 10_000);
    expect(startupPod.calls).toHaveLength(0);
  });

  it('takes a pod out after failureThreshold failures and back after successThreshold successes', async () => {
    const clock = new VirtualClock();
    const answers = ['success', 'failure', 'failure', 'success', 'success'];
    const pod = fakePod(clock, (i) => answers[i] ?? 'success');
    await run(
      'readiness',
      spec({ periodMs: 5_000, failureThreshold: 2, successThreshold: 2 }),
      pod,
      clock,
      22_000,
    );
    const set = pod.results.map((r) => `${r.t}:${r.result}`);
    expect(set).toEqual(['0:failure', '10000:failure', '20000:success']);
    expect(pod.restarts).toHaveLength(0);
  });

  it('marks a stopped container failed without probing it', async () => {
    const clock = new VirtualClock();
    const pod = fakePod(clock, () => 'success');
    pod.current.running = false;
    await run('readiness', spec({ periodMs: 5_000 }), pod, clock, 6_000);
    expect(pod.calls).toHaveLength(0);
    expect(pod.results.at(-1).result).toBe('failure');
  });

  it('probes at once after a probe that outlasted the period, then keeps to the period grid', async () => {
    const clock = new VirtualClock();
    const pod = fakePod(clock, (i) => (i === 0 ? ['success', 12_500] : 'success'));
    await run('liveness', spec(), pod, clock, 31_000);
    expect(pod.calls.map((c) => c.t)).toEqual([0, 12_500, 20_000, 30_000]);
  });

  it('waits initialDelaySeconds after the container started', async () => {
    const clock = new VirtualClock();
    const pod = fakePod(clock, () => 'success');
    await run('liveness', spec({ periodMs: 1_000, initialDelayMs: 3_000 }), pod, clock, 4_500);
    expect(pod.calls.map((c) => c.t)).toEqual([3_000, 4_000]);
  });
});
