import { formatCheckTable } from './check-table';
import { type HealthCheckDefinition } from './health-check.definition';

const definition = (overrides: Partial<HealthCheckDefinition>): HealthCheckDefinition => ({
  name: 'database',
  owner: 'Db.ping',
  critical: true,
  ttl: 5_000,
  timeout: 2_000,
  probes: ['readiness'],
  refresh: 'on-probe',
  staleAfter: 12_000,
  failureThreshold: 1,
  successThreshold: 1,
  invoke: () => undefined,
  ...overrides,
});

describe('formatCheckTable', () => {
  it('lines up one row per check under the column titles', () => {
    expect(
      formatCheckTable([
        definition({}),
        definition({
          name: 'cache',
          critical: false,
          probes: ['readiness', 'startup'],
          refresh: 'background',
          failureThreshold: 3,
          successThreshold: 2,
        }),
      ]),
    ).toBe(
      [
        'check     probes             critical  ttl      timeout  refresh     thresholds',
        'database  readiness          yes       5000 ms  2000 ms  on-probe    1/1',
        'cache     readiness,startup  no        5000 ms  2000 ms  background  3/2',
      ].join('\n'),
    );
  });

  it('is the title line alone without checks', () => {
    expect(formatCheckTable([])).toBe('check  probes  critical  ttl  timeout  refresh  thresholds');
  });
});
