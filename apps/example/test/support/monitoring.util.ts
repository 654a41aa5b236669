import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './example-app.process';

export const MONITORING_DIR = join(REPO_ROOT, 'deploy', 'monitoring');
export const RULES_FILE = 'nestjs-probes.rules.yml';
export const RULES_TEST_FILE = 'nestjs-probes.rules.test.yml';
export const DASHBOARD_FILE = 'grafana-dashboard.json';

/**
 * The metric names nestjs-probes exports, by family: pinned, as dashboards and alerts outside this
 * repository query them by name.
 */
export const PINNED_FAMILIES: Record<string, readonly string[]> = {
  health_check_status: ['health_check_status'],
  health_check_runs_total: ['health_check_runs_total'],
  health_check_duration_seconds: [
    'health_check_duration_seconds_bucket',
    'health_check_duration_seconds_sum',
    'health_check_duration_seconds_count',
  ],
  health_probe_status: ['health_probe_status'],
};
export const PINNED_NAMES = new Set(Object.values(PINNED_FAMILIES).flat());

export function familyOf(metric: string): string | undefined {
  return Object.keys(PINNED_FAMILIES).find((family) => PINNED_FAMILIES[family].includes(metric));
}

/** PromQL's functions and aggregation operators: an identifier followed by `(`. */
const PROMQL_FUNCTIONS = new Set(
  (
    'sum min max avg group stddev stdvar count count_values bottomk topk quantile limitk ' +
    'limit_ratio abs absent absent_over_time ceil changes clamp clamp_max clamp_min ' +
    'day_of_month day_of_week day_of_year days_in_month delta deriv exp floor histogram_avg ' +
    'histogram_count histogram_fraction histogram_quantile histogram_stddev histogram_stdvar ' +
    'histogram_sum holt_winters double_exponential_smoothing hour idelta increase irate ' +
    'label_join label_replace ln log2 log10 minute month predict_linear rate resets round ' +
    'scalar sgn sort sort_desc sort_by_label sort_by_label_desc sqrt time timestamp vector ' +
    'year avg_over_time min_over_time max_over_time sum_over_time count_over_time ' +
    'quantile_over_time stddev_over_time stdvar_over_time last_over_time present_over_time ' +
    'mad_over_time acos acosh asin asinh atan atanh cos cosh sin sinh tan tanh deg rad pi'
  ).split(' '),
);

/** Keywords: binary set operators, modifiers and literals, never metric names. */
const PROMQL_KEYWORDS = new Set(
  'and or unless bool atan2 offset by without on ignoring group_left group_right inf nan'.split(
    ' ',
  ),
);

export interface MetricNames {
  metrics: string[];
  /** Identifiers called like functions that PromQL does not have: a typo, or a name read wrongly. */
  unknownFunctions: string[];
}

/**
 * The metric names a PromQL expression selects. Everything that cannot hold one is cut out first
 * (string literals, `{...}` label matchers but for a `__name__`, `[...]` ranges, `by (...)`-style label lists, Grafana
 * variables); of the identifiers left, the keywords are keywords, those followed by `(` are
 * functions, and every other one is a metric name, whether followed by `{`, `[`, a space or nothing.
 */
export function metricNamesIn(expr: string): MetricNames {
  // A name given as a label matcher, `{__name__="..."}`, before the matchers are cut out.
  const named = [...expr.matchAll(/\b__name__\s*=~?\s*"([^"]*)"/g)].map((match) => match[1]);
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{[^}]*\}|\$\w+/g, ' ');
  const metrics: string[] = [...named];
  const unknownFunctions: string[] = [];
  // An identifier not glued to a number before it (0.99, 1e3, or a duration such as `offset 5m`).
  for (const match of stripped.matchAll(/(?<![\w.:])[a-zA-Z_:][\w:]*/g)) {
    const name = match[0];
    if (PROMQL_KEYWORDS.has(name.toLowerCase())) continue; // `or (`, `bool (` are no calls
    const called = /^\s*\(/.test(stripped.slice(match.index + name.length));
    if (!called) metrics.push(name);
    else if (!PROMQL_FUNCTIONS.has(name)) unknownFunctions.push(name);
  }
  return { metrics, unknownFunctions };
}

/** A Grafana query variable's `label_values(<selector>, <label>)`: the selector is PromQL. */
export function promqlOfVariableQuery(query: string): string {
  const labelValues = /^\s*label_values\((.*),\s*\w+\s*\)\s*$/s.exec(query);
  if (labelValues) return labelValues[1];
  const metricNames = /^\s*(?:metrics|query_result)\((.*)\)\s*$/s.exec(query);
  return metricNames ? metricNames[1] : query;
}

/** What the dashboard's variables expand to, so that its queries can be parsed by promtool. */
export function withGrafanaVariablesExpanded(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}|\$\{__interval\}/g, '1m')
    .replace(/\$__range|\$\{__range\}/g, '1h')
    .replace(/\$\{?\w+\}?/g, '.*');
}

export interface PromtoolRun {
  status: number | null;
  /** stdout then stderr: promtool prints the test failures on stderr. */
  output: string;
}

export function promtool(args: string[], cwd = MONITORING_DIR): PromtoolRun {
  const run = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 30_000 });
  if (run.error) {
    throw new Error(
      `promtool could not be run (${run.error.message}): install it with .ci/install-servers ` +
        `(Debian's prometheus package).`,
    );
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
