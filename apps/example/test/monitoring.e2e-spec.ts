import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  DASHBOARD_FILE,
  familyOf,
  metricNamesIn,
  MONITORING_DIR,
  PINNED_FAMILIES,
  PINNED_NAMES,
  promqlOfVariableQuery,
  promtool,
  RULES_FILE,
  RULES_TEST_FILE,
  withGrafanaVariablesExpanded,
} from './support/monitoring.util';

jest.setTimeout(60_000);

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}
interface Target {
  expr: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
}
interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown }[] };
}

const rules = parse(readFileSync(join(MONITORING_DIR, RULES_FILE), 'utf8')) as RuleFile;
const dashboard = JSON.parse(
  readFileSync(join(MONITORING_DIR, DASHBOARD_FILE), 'utf8'),
) as Dashboard;
const allRules = rules.groups.flatMap((group) => group.rules);
const alerts = allRules.filter((rule) => rule.alert !== undefined);
const recorded = new Set(allRules.flatMap((rule) => (rule.record ? [rule.record] : [])));

const ALERTS = [
  'HealthReadinessDown',
  'HealthCheckDown',
  'HealthReadinessFlapping',
  'HealthCheckSlow',
  'HealthCheckNotRunning',
];
/** Alerts about one check: their annotations must name it. */
const CHECK_ALERTS = ['HealthCheckDown', 'HealthCheckSlow', 'HealthCheckNotRunning'];

/** Every PromQL expression of the dashboard, with where it is. */
function dashboardQueries(): { where: string; expr: string }[] {
  const targets = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel ${panel.title}`, expr: target.expr })),
  );
  const variables = dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = variable.query as string | { query: string };
      const text = typeof query === 'string' ? query : query.query;
      return { where: `variable ${variable.name}`, expr: promqlOfVariableQuery(text) };
    });
  return [...targets, ...variables];
}

/** Each query naming a metric outside `allowed`, or calling something PromQL does not have. */
function violations(
  queries: { where: string; expr: string }[],
  allowed: ReadonlySet<string>,
): string[] {
  return queries.flatMap(({ where, expr }) => {
    const { metrics, unknownFunctions } = metricNamesIn(expr);
    return [
      ...metrics.filter((name) => !allowed.has(name)).map((name) => `${where}: metric ${name}`),
      ...unknownFunctions.map((name) => `${where}: function ${name}`),
    ];
  });
}

describe('deploy/monitoring', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'nestjs-probes-monitoring-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The rules, changed, beside a copy of the unit tests: what `promtool test rules` says. */
  function testRulesChanged(change: (rules: RuleFile) => void, name: string) {
    const dir = mkdtempSync(join(scratch, `${name}-`));
    const copy = structuredClone(rules);
    change(copy);
    writeFileSync(join(dir, RULES_FILE), stringify(copy));
    copyFileSync(join(MONITORING_DIR, RULES_TEST_FILE), join(dir, RULES_TEST_FILE));
    return promtool(['test', 'rules', RULES_TEST_FILE], dir);
  }

  function alertIn(file: RuleFile, name: string): Rule {
    const rule = file.groups.flatMap((group) => group.rules).find((r) => r.alert === name);
    if (!rule) throw new Error(`no alert ${name}`);
    return rule;
  }

  describe('the rules', () => {
    it('pass promtool check rules', () => {
      const run = promtool(['check', 'rules', RULES_FILE]);
      expect(run).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
      expect(run.output).toContain(`SUCCESS: ${allRules.length} rules found`);
    });

    it('pass their promtool unit tests', () => {
      const run = promtool(['test', 'rules', RULES_TEST_FILE]);
      expect(run).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
      expect(run.output).not.toContain('FAILED');
    });

    it('are the five alerts of group nestjs-probes, each with for, severity, summary and description', () => {
      expect(rules.groups.map((group) => group.name)).toEqual(['nestjs-probes']);
      expect(alerts.map((rule) => rule.alert)).toEqual(ALERTS);
      for (const rule of alerts) {
        const shape = {
          alert: rule.alert,
          for: rule.for,
          severity: rule.labels?.severity,
          summary: typeof rule.annotations?.summary,
          description: typeof rule.annotations?.description,
        };
        expect(shape).toEqual({
          alert: rule.alert,
          for: expect.stringMatching(/^[1-9]\d*m$/),
          severity: rule.alert === 'HealthReadinessDown' ? 'critical' : 'warning',
          summary: 'string',
          description: 'string',
        });
      }
      for (const name of CHECK_ALERTS) {
        expect(alertIn(rules, name).annotations?.description).toContain('{{ $labels.check }}');
      }
    });

    it('name only the pinned metrics, `up` and their own recordings', () => {
      const allowed = new Set([...PINNED_NAMES, 'up', ...recorded]);
      const queries = allRules.map((rule) => ({
        where: rule.alert ?? rule.record ?? '?',
        expr: rule.expr,
      }));
      expect(violations(queries, allowed)).toEqual([]);
    });

    it('pass their unit tests rewritten unchanged (the control for the broken copies below)', () => {
      const run = testRulesChanged(() => undefined, 'control');
      expect(run).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    });

    // Every firing case fails when its alert can no longer fire.
    it.each(ALERTS)('fail their unit tests when %s can never fire', (name) => {
      const run = testRulesChanged((copy) => {
        alertIn(copy, name).expr = 'vector(1) < 0';
      }, `never-${name}`);
      expect(run.status).toBe(1);
      expect(run.output).toContain('FAILED');
      expect(run.output).toContain(`alertname: ${name},`);
    });

    // Every `for` is shown holding back an alert that is still pending.
    it.each(ALERTS)('fail their unit tests when %s fires without waiting', (name) => {
      const run = testRulesChanged((copy) => {
        alertIn(copy, name).for = '0m';
      }, `eager-${name}`);
      expect(run.status).toBe(1);
      expect(run.output).toContain(`alertname: ${name},`);
    });

    // Every quiet case is shown quiet because of the condition that excludes it.
    const loosened: [string, string, string][] = [
      ['HealthReadinessDown', 'any probe', 'health_probe_status{status="down"} == 1'],
      ['HealthCheckDown', 'degraded too', 'health_check_status{status=~"down|degraded"} == 1'],
      [
        'HealthReadinessFlapping',
        '4 changes',
        'changes(health_probe_status{probe="readiness",status="up"}[10m]) > 3',
      ],
      [
        'HealthCheckSlow',
        'a p99 of 0.995 s',
        'check:health_check_duration_seconds:p99_rate5m > 0.9',
      ],
      [
        'HealthCheckNotRunning',
        'a target down',
        'sum without (status) (increase(health_check_runs_total[5m])) == 0',
      ],
      [
        'HealthCheckNotRunning',
        'runs counted by outcome',
        'increase(health_check_runs_total[5m]) == 0 and on (job, instance) up == 1',
      ],
    ];
    it.each(loosened)('fail their unit tests when %s also fires for %s', (name, _case, expr) => {
      const run = testRulesChanged((copy) => {
        alertIn(copy, name).expr = expr;
      }, `loose-${name}`);
      expect(run.status).toBe(1);
      expect(run.output).toContain(`alertname: ${name},`);
    });
  });

  describe('the Grafana dashboard', () => {
    const queries = dashboardQueries();

    it('is a schemaVersion 39 dashboard on the ${datasource} Prometheus variable', () => {
      expect(dashboard.schemaVersion).toBe(39);
      const datasource = dashboard.templating.list.find(
        (variable) => variable.name === 'datasource',
      );
      expect(datasource).toMatchObject({ type: 'datasource', query: 'prometheus' });
      const sources = dashboard.panels.flatMap((panel) => [
        panel.datasource,
        ...(panel.targets ?? []).map((target) => target.datasource),
      ]);
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) {
        expect(source).toEqual({ type: 'prometheus', uid: '${datasource}' });
      }
    });

    it('queries only the pinned metric names', () => {
      expect(queries.length).toBeGreaterThan(dashboard.panels.length);
      expect(violations(queries, PINNED_NAMES)).toEqual([]);
    });

    it('has a panel for every metric family, and shows check status on a state timeline', () => {
      const familiesByPanel = dashboard.panels.map((panel) => ({
        type: panel.type,
        families: new Set(
          (panel.targets ?? []).flatMap((target) =>
            metricNamesIn(target.expr).metrics.map((name) => familyOf(name)),
          ),
        ),
      }));
      const withoutPanel = Object.keys(PINNED_FAMILIES).filter(
        (family) => !familiesByPanel.some((panel) => panel.families.has(family)),
      );
      expect(withoutPanel).toEqual([]);
      expect(
        familiesByPanel.some(
          (panel) => panel.type === 'state-timeline' && panel.families.has('health_check_status'),
        ),
      ).toBe(true);
      const quantiles = queries.filter((query) =>
        /histogram_quantile\(0\.(5|99),/.test(query.expr),
      );
      expect(
        quantiles.map((query) => query.expr.match(/histogram_quantile\((0\.\d+)/)![1]).sort(),
      ).toEqual(['0.5', '0.99']);
    });

    it('has queries that promtool parses, its variables expanded', () => {
      const file = join(scratch, 'dashboard-queries.rules.yml');
      const recordings = queries.map((query, index) => ({
        record: `dashboard:query_${index}`,
        expr: withGrafanaVariablesExpanded(query.expr),
      }));
      writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules: recordings }] }));
      const run = promtool(['check', 'rules', file], scratch);
      expect(run).toEqual({
        status: 0,
        output: expect.stringContaining(`SUCCESS: ${recordings.length} rules found`),
      });
    });

    it('shows each check and probe as 0 up, 1 degraded, 2 down, the worst across instances', () => {
      const timelines = dashboard.panels.filter((panel) => panel.type === 'state-timeline');
      const expressionOf = (family: string) => {
        const panel = timelines.find((p) =>
          metricNamesIn(p.targets![0].expr).metrics.includes(family),
        );
        return withGrafanaVariablesExpanded(panel!.targets![0].expr);
      };
      const stateSet = (metric: string, labels: string, current: string) =>
        ['up', 'degraded', 'down'].map((status) => ({
          series: `${metric}{job="orders-api",${labels},status="${status}"}`,
          values: status === current ? '1x5' : '0x5',
        }));
      const checks = 'health_check_status';
      const probes = 'health_probe_status';
      const test = {
        rule_files: [],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              ...stateSet(checks, 'instance="a",check="database"', 'down'),
              ...stateSet(checks, 'instance="b",check="database"', 'up'),
              ...stateSet(checks, 'instance="a",check="cache"', 'degraded'),
              ...stateSet(checks, 'instance="a",check="jobs"', 'up'),
              ...stateSet(probes, 'instance="a",probe="readiness"', 'up'),
              ...stateSet(probes, 'instance="b",probe="readiness"', 'down'),
              ...stateSet(probes, 'instance="a",probe="liveness"', 'degraded'),
            ],
            promql_expr_test: [
              {
                expr: expressionOf(checks),
                eval_time: '3m',
                exp_samples: [
                  { labels: '{check="database"}', value: 2 },
                  { labels: '{check="cache"}', value: 1 },
                  { labels: '{check="jobs"}', value: 0 },
                ],
              },
              {
                expr: expressionOf(probes),
                eval_time: '3m',
                exp_samples: [
                  { labels: '{probe="readiness"}', value: 2 },
                  { labels: '{probe="liveness"}', value: 1 },
                ],
              },
            ],
          },
        ],
      };
      writeFileSync(join(scratch, 'dashboard.test.yml'), stringify(test));
      const run = promtool(['test', 'rules', 'dashboard.test.yml'], scratch);
      expect(run).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    });
  });

  describe('the metric-name check itself', () => {
    it('finds names followed by {, [, a space or nothing, and not labels, functions or durations', () => {
      expect(
        metricNamesIn(
          'sum by (check, le) (rate(a_bucket{check=~"$check", le="up"}[$__rate_interval])) ' +
            '/ on (job) group_left b_total offset 5m > bool 0.99 and c[5m:1m] or (d) * 1e3 ' +
            'unless {__name__="e", job="x"}',
        ),
      ).toEqual({ metrics: ['e', 'a_bucket', 'b_total', 'c', 'd'], unknownFunctions: [] });
      expect(metricNamesIn('rates(health_check_status)').unknownFunctions).toEqual(['rates']);
    });

    it('rejects a dashboard query with a metric name outside the pinned set', () => {
      const renamed = dashboardQueries().map((query) => ({
        ...query,
        expr: query.expr.replaceAll('health_check_runs_total', 'health_check_runs'),
      }));
      expect(violations(renamed, PINNED_NAMES)).toEqual(
        expect.arrayContaining([expect.stringContaining('metric health_check_runs')]),
      );
    });
  });
});
