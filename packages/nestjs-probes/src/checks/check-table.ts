import { type HealthCheckDefinition } from './health-check.definition';

const COLUMNS = ['check', 'probes', 'critical', 'ttl', 'timeout', 'refresh', 'thresholds'] as const;

/**
 * The discovered checks as a text table, one row each, for the one log line at bootstrap: what
 * runs, where, and how often, without reading the code.
 *
 * @internal
 */
export function formatCheckTable(definitions: readonly HealthCheckDefinition[]): string {
  const rows = definitions.map((definition) => [
    definition.name,
    definition.probes.join(','),
    definition.critical ? 'yes' : 'no',
    `${definition.ttl} ms`,
    `${definition.timeout} ms`,
    definition.refresh,
    `${definition.failureThreshold}/${definition.successThreshold}`,
  ]);
  const widths = COLUMNS.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...rows.map(line)].join('\n');
}
