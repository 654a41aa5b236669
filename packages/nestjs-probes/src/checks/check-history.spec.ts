import { CheckHistory, HISTORY_SIZE } from './check-history';

describe('CheckHistory', () => {
  it('keeps since when and each transition, oldest first', () => {
    const history = new CheckHistory();
    history.record(undefined, 'up', 't1');
    history.record('up', 'down', 't2', 'refused');
    expect(history.since).toBe('t2');
    expect(history.transitions).toEqual([
      { to: 'up', at: 't1' },
      { from: 'up', to: 'down', at: 't2', error: 'refused' },
    ]);
  });

  it(`keeps the last ${HISTORY_SIZE} transitions only`, () => {
    const history = new CheckHistory();
    for (let i = 0; i < HISTORY_SIZE + 5; i++) history.record('up', 'down', `t${i}`);
    expect(history.transitions).toHaveLength(HISTORY_SIZE);
    expect(history.transitions[0].at).toBe('t5');
  });
});
