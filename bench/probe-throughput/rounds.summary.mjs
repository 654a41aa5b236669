import { mean, round3 } from '../support/number.format.mjs';
import { SCENARIOS, scenarioNames } from './scenarios.config.mjs';

const stats = (ms) => ({
  rps: mean(ms.map((m) => m.rps)),
  cost: mean(ms.map((m) => m.serverCpuUsPerRequest)),
});

export function median(xs) {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median and range of `xs`, rounded: `{ median, min, max }`, or null when empty. */
function spread(xs) {
  const finite = xs.filter((x) => Number.isFinite(x));
  if (!finite.length) return null;
  return {
    median: round3(median(finite)),
    min: round3(Math.min(...finite)),
    max: round3(Math.max(...finite)),
  };
}

/**
 * Ratios of a scenario to a reference within each round: rounds are interleaved, so round i of
 * both saw the same machine. `pick` reads the figure compared.
 */
function perRound(rounds, reference, pick) {
  if (!reference) return [];
  return rounds.map((m, i) => (reference[i] ? pick(m) / pick(reference[i]) : NaN));
}

/** Each scenario's figures over its rounds (`{ [name]: measurement[] }`), relative to the baseline. */
export function summarize(rounds) {
  const summary = {};
  const all = stats(rounds.baseline ?? []);
  const quietBaseline = stats((rounds.baseline ?? []).filter((m) => m.quiet));
  for (const name of scenarioNames) {
    const s = stats(rounds[name]);
    const quiet = rounds[name].filter((m) => m.quiet);
    const q = stats(quiet);
    const deps = rounds[name].map((m) => m.dependencies).filter(Boolean);
    summary[name] = {
      path: SCENARIOS[name].path,
      rps: Math.round(s.rps),
      p50Ms: median(rounds[name].map((m) => m.p50)),
      p99Ms: median(rounds[name].map((m) => m.p99)),
      // Per round, then median and min-max: the figures the targets are stated in.
      rpsToBaseline: spread(perRound(rounds[name], rounds.baseline, (m) => m.rps)),
      cpuToBaseline: spread(
        perRound(rounds[name], rounds.baseline, (m) => m.serverCpuUsPerRequest),
      ),
      cpuToRaw: spread(perRound(rounds[name], rounds.raw, (m) => m.serverCpuUsPerRequest)),
      ratioToBaseline: all.rps ? round3(s.rps / all.rps) : null,
      // The same over the rounds in which nothing else used the CPU (null when none was quiet).
      quietRounds: quiet.length,
      quietRps: quiet.length ? Math.round(q.rps) : null,
      quietRatioToBaseline:
        quiet.length && quietBaseline.rps ? round3(q.rps / quietBaseline.rps) : null,
      serverCpuUsPerRequest: round3(median(rounds[name].map((m) => m.serverCpuUsPerRequest))),
      // Requests per server CPU-second relative to the baseline (mean over rounds).
      cpuEfficiencyToBaseline: all.cost ? round3(all.cost / s.cost) : null,
      pgPerSecond: deps.length ? median(deps.map((d) => d.pgPerSecond)) : null,
      redisPerSecond: deps.length ? median(deps.map((d) => d.redisPerSecond)) : null,
      rounds: rounds[name],
    };
  }
  return summary;
}
