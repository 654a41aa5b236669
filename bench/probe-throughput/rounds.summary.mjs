import { mean, round3 } from '../support/number.format.mjs';
import { SCENARIOS, scenarioNames } from './scenarios.config.mjs';

const stats = (ms) => ({
  rps: mean(ms.map((m) => m.rps)),
  cost: mean(ms.map((m) => m.serverCpuUsPerRequest)),
});

/** Each scenario's figures over its rounds (`{ [name]: measurement[] }`), relative to the baseline. */
export function summarize(rounds) {
  const summary = {};
  const all = stats(rounds.baseline ?? []);
  const quietBaseline = stats((rounds.baseline ?? []).filter((m) => m.quiet));
  for (const name of scenarioNames) {
    const s = stats(rounds[name]);
    const quiet = rounds[name].filter((m) => m.quiet);
    const q = stats(quiet);
    summary[name] = {
      path: SCENARIOS[name].path,
      rps: Math.round(s.rps),
      p99Ms: mean(rounds[name].map((m) => m.p99)),
      ratioToBaseline: all.rps ? round3(s.rps / all.rps) : null,
      // The same over the rounds in which nothing else used the CPU (null when none was quiet).
      quietRounds: quiet.length,
      quietRps: quiet.length ? Math.round(q.rps) : null,
      quietRatioToBaseline:
        quiet.length && quietBaseline.rps ? round3(q.rps / quietBaseline.rps) : null,
      serverCpuUsPerRequest: round3(s.cost),
      // Requests per server CPU-second relative to the baseline: a ratio that holds whether the
      // server or autocannon saturated first, and that contention disturbs much less.
      cpuEfficiencyToBaseline: all.cost ? round3(all.cost / s.cost) : null,
      rounds: rounds[name],
    };
  }
  return summary;
}
