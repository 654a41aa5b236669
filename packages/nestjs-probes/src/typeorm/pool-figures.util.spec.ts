import { isSaturated, readPoolFigures } from './pool-figures.util';

describe('readPoolFigures', () => {
  it('reads a pg pool through its public counters', () => {
    const master = { totalCount: 3, idleCount: 1, waitingCount: 2, options: { max: 5 } };
    expect(readPoolFigures({ master })).toEqual({ size: 3, idle: 1, waiting: 2, max: 5 });
  });

  it("takes pg's default limit of 10 when the pool has none", () => {
    const master = { totalCount: 0, idleCount: 0, waitingCount: 0, options: {} };
    expect(readPoolFigures({ master })?.max).toBe(10);
  });

  it('reads a mysql2 pool through its queues', () => {
    const pool = {
      _allConnections: { length: 4 },
      _freeConnections: { length: 0 },
      _connectionQueue: { length: 7 },
      config: { connectionLimit: 4 },
    };
    expect(readPoolFigures({ pool })).toEqual({ size: 4, idle: 0, waiting: 7, max: 4 });
  });

  it('is undefined for drivers without a readable pool, and before it exists', () => {
    expect(readPoolFigures({ databaseConnection: {} })).toBeUndefined();
    expect(readPoolFigures({ master: undefined })).toBeUndefined();
    expect(readPoolFigures({ poolCluster: {} })).toBeUndefined();
    expect(readPoolFigures(undefined)).toBeUndefined();
  });
});

describe('isSaturated', () => {
  it('is false below the limit, however busy: the pool grows instead', () => {
    expect(isSaturated({ size: 1, idle: 0, waiting: 3, max: 2 })).toBe(false);
  });

  it('is false at the limit while an idle connection is left over', () => {
    expect(isSaturated({ size: 2, idle: 1, waiting: 0, max: 2 })).toBe(false);
  });

  it('is true at the limit with every connection busy', () => {
    expect(isSaturated({ size: 2, idle: 0, waiting: 0, max: 2 })).toBe(true);
  });

  it('is true at the limit when the waiters take every idle connection', () => {
    expect(isSaturated({ size: 2, idle: 1, waiting: 1, max: 2 })).toBe(true);
    expect(isSaturated({ size: 2, idle: 0, waiting: 5, max: 2 })).toBe(true);
  });
});
