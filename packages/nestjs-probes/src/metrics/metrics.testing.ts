import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Subject } from 'rxjs';
import { HealthConfigurationError } from '../errors';
import { HealthEvents } from '../events/health-events';
import { type HealthCheckRun, type HealthSnapshot } from '../events/health-status-change.interface';

/** A `HealthEvents` the exporters' unit tests drive by hand. */
export class FakeEvents {
  readonly runs = new Subject<HealthCheckRun>();
  readonly runs$ = this.runs.asObservable();
  current: HealthSnapshot = {
    checks: [],
    probes: { liveness: 'up', readiness: 'up', startup: 'up' },
  };
  snapshots = 0;

  snapshot(): HealthSnapshot {
    this.snapshots++;
    return this.current;
  }

  run(name: string, status: HealthCheckRun['status'], durationMs: number): void {
    this.runs.next({ name, status, durationMs, at: new Date().toISOString() });
  }
}

/** The `HealthEvents` of `FakeHealthModule`: no run, every probe up. */
export const fakeEvents = {
  runs$: new Subject(),
  snapshot: () => ({ checks: [], probes: { liveness: 'up', readiness: 'up', startup: 'up' } }),
};

/** Stands for `HealthModule`, global as it is, so a metrics module finds `HealthEvents`. */
@Global()
@Module({
  providers: [{ provide: HealthEvents, useValue: fakeEvents }],
  exports: [HealthEvents],
})
export class FakeHealthModule {}

/** `module` initialised next to `FakeHealthModule`. */
export async function start(module: DynamicModule) {
  const moduleRef = await Test.createTestingModule({
    imports: [FakeHealthModule, module],
  }).compile();
  return moduleRef.init();
}

/** The error `module` fails its bootstrap with. */
export async function errorOf(module: DynamicModule): Promise<unknown> {
  try {
    await (await start(module)).close();
  } catch (error) {
    return error;
  }
  throw new Error('expected the module to fail');
}

/** The error `run` throws. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a configuration error');
}

/**
 * The bucket boundaries as written by hand, so that the tests do not check `DURATION_BUCKETS`
 * against itself.
 */
export const DURATION_BUCKET_LABELS = [
  '0.001',
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.1',
  '0.25',
  '0.5',
  '1',
  '2.5',
  '5',
  '10',
];

/** What tells one integration's `registerAsync()` tests from the other's. */
export interface AsyncOptionsCase {
  registerAsync: (options: never) => DynamicModule;
  expected: Readonly<Record<'useFactory' | 'inject' | 'imports', string>>;
  invalid: (method: 'registerAsync', option: string, expected: string, actual: unknown) => string;
  unknown: (method: 'registerAsync', option: string, known: readonly string[]) => string;
  /** A token given as `inject`, not in an array. */
  token: string;
}

/** The tests of the `registerAsync()` options themselves, shared by the metrics modules. */
export function itFailsBootstrapOnBadAsyncOptions(integration: AsyncOptionsCase): void {
  const { registerAsync, invalid, unknown, token } = integration;
  it.each([
    [undefined, '(options)', 'an object with useFactory'],
    [{}, 'useFactory', integration.expected.useFactory],
    [{ useFactory: 'f' }, 'useFactory', integration.expected.useFactory],
    [{ useFactory: () => ({}), inject: token }, 'inject', integration.expected.inject],
    [{ useFactory: () => ({}), imports: {} }, 'imports', integration.expected.imports],
  ])('fails bootstrap on registerAsync(%p)', async (options, option, expected) => {
    const given = options as Record<string, unknown> | undefined;
    const actual = given === undefined ? undefined : given[option];
    expect(await errorOf(registerAsync(options as never))).toEqual(
      new HealthConfigurationError(invalid('registerAsync', option, expected, actual)),
    );
  });

  it('fails bootstrap on an unknown registerAsync option', async () => {
    expect(
      await errorOf(registerAsync({ useFactory: () => ({}), useClass: class {} } as never)),
    ).toEqual(
      new HealthConfigurationError(
        unknown('registerAsync', 'useClass', ['imports', 'inject', 'useFactory']),
      ),
    );
  });
}
