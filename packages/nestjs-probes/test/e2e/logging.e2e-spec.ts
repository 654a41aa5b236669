import { type INestApplication, Logger } from '@nestjs/common';
import { CHECK_DEGRADED, CHECK_RECOVERED, CHECK_WENT_DOWN } from '../../src/health.messages';
import { AppModule } from '../src/app.module';
import { FlappingHealth, type FlappingState, OptionalFlappingHealth } from '../src/flapping.health';
import { ADAPTERS, bootstrap, probe } from '../src/test-app.util';

const CRITICAL = 'FlappingHealth.dependency';
const OPTIONAL = 'OptionalFlappingHealth.dependency';

describe.each(ADAPTERS)('transition logging (%s)', (adapter) => {
  let app: INestApplication;
  let spies: Record<'log' | 'warn' | 'error', jest.SpyInstance>;

  beforeEach(async () => {
    spies = {
      log: jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined),
      warn: jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined),
      error: jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined),
    };
    app = await bootstrap(adapter, AppModule.registerFlapping());
  });

  afterEach(async () => {
    await app?.close();
    jest.restoreAllMocks();
  });

  /** Every message logged at `level` that mentions the check `name`. */
  const logged = (level: keyof typeof spies, name: string) =>
    spies[level].mock.calls
      .map(([message]) => String(message))
      .filter((m) => m.includes(`"${name}"`));

  async function probeTimes(times: number, states: Partial<Record<string, FlappingState>>) {
    if (states[CRITICAL]) app.get(FlappingHealth).state = states[CRITICAL];
    if (states[OPTIONAL]) app.get(OptionalFlappingHealth).state = states[OPTIONAL];
    for (let i = 0; i < times; i++) await probe(app, '/health/ready');
  }

  it('logs nothing while a check stays up', async () => {
    await probeTimes(3, {});
    for (const level of ['log', 'warn', 'error'] as const)
      expect(logged(level, CRITICAL)).toEqual([]);
  });

  it('logs up→down once as an error and down→up once, however many probes', async () => {
    await probeTimes(3, { [CRITICAL]: 'up' });
    await probeTimes(3, { [CRITICAL]: 'down' });
    await probeTimes(3, { [CRITICAL]: 'up' });

    expect(logged('error', CRITICAL)).toEqual([
      CHECK_WENT_DOWN(CRITICAL, 'dependency unreachable'),
    ]);
    expect(logged('log', CRITICAL)).toEqual([CHECK_RECOVERED(CRITICAL)]);
    expect(logged('warn', CRITICAL)).toEqual([]);
  });

  it('logs each new transition again', async () => {
    await probeTimes(2, { [CRITICAL]: 'down' });
    await probeTimes(2, { [CRITICAL]: 'up' });
    await probeTimes(2, { [CRITICAL]: 'down' });

    expect(logged('error', CRITICAL)).toHaveLength(2);
    expect(logged('log', CRITICAL)).toHaveLength(1);
  });

  it('logs a non-critical check going down once as a warning', async () => {
    await probeTimes(3, { [OPTIONAL]: 'down' });
    expect(logged('warn', OPTIONAL)).toEqual([CHECK_WENT_DOWN(OPTIONAL, 'dependency unreachable')]);
    expect(logged('error', OPTIONAL)).toEqual([]);
  });

  it('logs up→degraded once as a warning', async () => {
    await probeTimes(1, { [CRITICAL]: 'up' });
    await probeTimes(3, { [CRITICAL]: 'degraded' });
    expect(logged('warn', CRITICAL)).toEqual([CHECK_DEGRADED(CRITICAL, 'dependency slow')]);
    expect(logged('error', CRITICAL)).toEqual([]);
  });
});
