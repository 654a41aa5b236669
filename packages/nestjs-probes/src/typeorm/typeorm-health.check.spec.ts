import { type DataSource } from 'typeorm';
import { POOL_SATURATED, TYPEORM_NOT_INITIALIZED } from './typeorm.messages';
import { interpretCheckValue } from '../results/check-value.interpreter';
import { TypeOrmHealthCheck } from './typeorm-health.check';

interface FakePool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
}

function fakeSource(pool: FakePool, query: jest.Mock = jest.fn(async () => [{ '?column?': 1 }])) {
  const source = {
    isInitialized: true,
    options: { type: 'postgres' },
    driver: { master: pool },
    query,
  };
  return source as unknown as DataSource & { query: jest.Mock };
}

const idlePool = (): FakePool => ({
  totalCount: 1,
  idleCount: 1,
  waitingCount: 0,
  options: { max: 2 },
});

describe('TypeOrmHealthCheck', () => {
  it('pings through the pool while a connection is free, with latency and figures', async () => {
    const source = fakeSource(idlePool());
    const check = new TypeOrmHealthCheck({ sideConnection: true }, source);
    const outcome = interpretCheckValue(await check.check());
    expect(source.query).toHaveBeenCalledWith('SELECT 1');
    expect(outcome).toEqual({
      status: 'up',
      details: { latencyMs: expect.any(Number), pool: { size: 1, idle: 1, waiting: 0, max: 2 } },
    });
  });

  it('is down without querying when the DataSource is not initialized', async () => {
    const source = fakeSource(idlePool());
    (source as { isInitialized: boolean }).isInitialized = false;
    const check = new TypeOrmHealthCheck({ sideConnection: true }, source);
    expect(interpretCheckValue(await check.check())).toEqual({
      status: 'down',
      error: TYPEORM_NOT_INITIALIZED,
    });
    expect(source.query).not.toHaveBeenCalled();
  });

  it('never queues on a saturated pool: degraded with the figures, pool untouched', async () => {
    const pool = { totalCount: 2, idleCount: 0, waitingCount: 3, options: { max: 2 } };
    const source = fakeSource(pool);
    const check = new TypeOrmHealthCheck({ sideConnection: false }, source);
    const figures = { size: 2, idle: 0, waiting: 3, max: 2 };
    expect(interpretCheckValue(await check.check())).toEqual({
      status: 'degraded',
      error: POOL_SATURATED(figures, false),
      details: { pool: figures },
    });
    expect(source.query).not.toHaveBeenCalled();
  });

  it('sends no second ping while the first is unanswered (a frozen server)', async () => {
    const source = fakeSource(
      idlePool(),
      jest.fn(() => new Promise(() => undefined)),
    );
    const check = new TypeOrmHealthCheck({ sideConnection: true }, source);
    void check.check().catch(() => undefined);
    await expect(check.check()).rejects.toThrow(/^no answer to the previous ping through the pool/);
    expect(source.query).toHaveBeenCalledTimes(1);
  });

  it('reports a ping slower than degradedAboveMs as degraded', async () => {
    const slow = jest.fn(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const check = new TypeOrmHealthCheck(
      { sideConnection: true, degradedAboveMs: 5 },
      fakeSource(idlePool(), slow),
    );
    expect(interpretCheckValue(await check.check()).status).toBe('degraded');
  });
});
