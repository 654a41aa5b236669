/**
 * What one scenario cost one side, from the kubelet's events and the users' requests, over the
 * scenario's window (`startedAt` to `endedAt`, run-clock ms):
 * - restarts: containers started again (by liveness or startup failure, or after an exit);
 * - outOfRotationS: the time each replica spent out of the balancer's rotation, summed (and each);
 * - failed: user requests sent in the window that did not end in 2xx, by cause;
 * - recoveryToFullRotationS: from the end of the fault until every replica was in rotation again
 *   (0 if none had left; null if that never happened within the window).
 */
export function scenarioFigures({ side, pods, events, requests, window }) {
  const { startedAt, endedAt, recoveredAt } = window;
  const inWindow = (t) => t >= startedAt && t <= endedAt;
  const mine = events.filter((e) => e.side === side);

  const starts = mine.filter((e) => e.type === 'container-start' && e.restart && inWindow(e.t));
  const kills = mine.filter((e) => e.type === 'kill' && inWindow(e.t));
  const crashes = mine.filter((e) => e.type === 'container-exit' && !e.killed && inWindow(e.t));

  const outByPod = Object.fromEntries(
    pods.map((pod) => [pod, outOfRotationMs(rotationOf(mine, pod), startedAt, endedAt) / 1000]),
  );
  const sent = requests.filter((r) => inWindow(r.sentAt));
  const failed = sent.filter((r) => !r.ok);

  return {
    restarts: starts.length,
    killedBy: countBy(kills, (e) => e.reason),
    exitsNotKilled: crashes.length,
    outOfRotationS: round1(Object.values(outByPod).reduce((a, b) => a + b, 0)),
    outOfRotationByReplicaS: mapValues(outByPod, round1),
    requests: sent.length,
    failed: failed.length,
    failedBy: countBy(failed, (r) => `${r.kind}: ${r.outcome}`),
    readLatencyMs: percentiles(
      sent.filter((r) => r.ok && r.kind === 'read').map((r) => r.doneAt - r.sentAt),
    ),
    recoveryToFullRotationS: fullRotationDelay(mine, pods, recoveredAt, endedAt),
    // The first failures, for diagnosis: when (s from the fault), how long they took (ms), why.
    failedSamples: failed.slice(0, 10).map((r) => ({
      kind: r.kind,
      outcome: r.outcome,
      sinceFaultS: round1((r.sentAt - window.faultAt) / 1000),
      ms: Math.round(r.doneAt - r.sentAt),
    })),
  };
}

/** `[{ t, inRotation }]` for one pod, in order. */
function rotationOf(events, pod) {
  return events
    .filter((e) => e.pod === pod && e.type === 'rotation')
    .map(({ t, inRotation }) => ({ t, inRotation }));
}

function stateAt(changes, t) {
  let state = false;
  for (const change of changes) {
    if (change.t > t) break;
    state = change.inRotation;
  }
  return state;
}

export function outOfRotationMs(changes, from, to) {
  let out = 0;
  let state = stateAt(changes, from);
  let since = from;
  for (const change of changes) {
    if (change.t <= from || change.t > to) continue;
    if (!state) out += change.t - since;
    state = change.inRotation;
    since = change.t;
  }
  if (!state) out += to - since;
  return out;
}

/** Seconds from `recoveredAt` to the first moment every pod is in rotation; null if not by `until`. */
export function fullRotationDelay(events, pods, recoveredAt, until) {
  const changes = Object.fromEntries(pods.map((pod) => [pod, rotationOf(events, pod)]));
  const moments = [recoveredAt, ...pods.flatMap((pod) => changes[pod].map((c) => c.t))]
    .filter((t) => t >= recoveredAt && t <= until)
    .sort((a, b) => a - b);
  for (const t of moments) {
    if (pods.every((pod) => stateAt(changes[pod], t))) return round1((t - recoveredAt) / 1000);
  }
  return null;
}

/** p50 and p99 of `values` (ms, rounded); null when there are none. */
export function percentiles(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { p50: at(0.5), p99: at(0.99) };
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const mapValues = (obj, f) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
const round1 = (x) => Math.round(x * 10) / 10;
