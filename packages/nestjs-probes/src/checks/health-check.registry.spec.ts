import { HealthConfigurationError } from '../errors';
import { type HealthCheckDefinition } from './health-check.definition';
import { HealthCheckRegistry } from './health-check.registry';
import { HealthCheckRunner } from './health-check.runner';
import { DUPLICATE_HEALTH_CHECK } from '../health.messages';

const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn() };

const runner = (
  name: string,
  owner: string,
  probes: HealthCheckDefinition['probes'] = ['readiness'],
) =>
  new HealthCheckRunner(
    {
      name,
      owner,
      critical: true,
      ttl: 1_000,
      timeout: 500,
      probes,
      refresh: 'on-probe',
      staleAfter: 2_500,
      failureThreshold: 1,
      successThreshold: 1,
      invoke: () => undefined,
    },
    logger,
  );

describe('HealthCheckRegistry', () => {
  let registry: HealthCheckRegistry;

  beforeEach(() => (registry = new HealthCheckRegistry()));

  it('starts empty', () => {
    expect(registry.getAll()).toEqual([]);
    expect(registry.getByProbe('readiness')).toEqual([]);
  });

  it('returns every check added, in order', () => {
    const a = runner('a', 'A.check');
    const b = runner('b', 'B.check');
    registry.add(a);
    registry.add(b);
    expect(registry.getAll()).toEqual([a, b]);
  });

  it('rejects a duplicate name, naming both owners', () => {
    registry.add(runner('database', 'PrimaryHealth.ping'));
    const duplicate = runner('database', 'ReplicaHealth.ping');
    expect(() => registry.add(duplicate)).toThrow(
      new HealthConfigurationError(
        DUPLICATE_HEALTH_CHECK('database', 'PrimaryHealth.ping', 'ReplicaHealth.ping'),
      ),
    );
    expect(() => registry.add(duplicate)).toThrow(HealthConfigurationError);
    expect(registry.getAll()).toHaveLength(1);
  });

  it('keys checks by exact name', () => {
    registry.add(runner('database', 'A.check'));
    expect(() => registry.add(runner('Database', 'B.check'))).not.toThrow();
  });

  it('groups checks by probe, a check in several probes appearing in each', () => {
    const ready = runner('ready', 'A.ready');
    const both = runner('both', 'A.both', ['readiness', 'startup']);
    const live = runner('live', 'A.live', ['liveness']);
    [ready, both, live].forEach((r) => registry.add(r));
    expect(registry.getByProbe('readiness')).toEqual([ready, both]);
    expect(registry.getByProbe('startup')).toEqual([both]);
    expect(registry.getByProbe('liveness')).toEqual([live]);
  });

  it('computes the groups once, not per read', () => {
    registry.add(runner('a', 'A.check'));
    expect(registry.getByProbe('readiness')).toBe(registry.getByProbe('readiness'));
  });

  it('recomputes the groups after a check is added', () => {
    const a = runner('a', 'A.check');
    registry.add(a);
    expect(registry.getByProbe('readiness')).toEqual([a]);
    const b = runner('b', 'B.check');
    registry.add(b);
    expect(registry.getByProbe('readiness')).toEqual([a, b]);
  });

  it('does not let a caller change its contents through getAll()', () => {
    registry.add(runner('a', 'A.check'));
    (registry.getAll() as HealthCheckRunner[]).pop();
    expect(registry.getAll()).toHaveLength(1);
  });
});
