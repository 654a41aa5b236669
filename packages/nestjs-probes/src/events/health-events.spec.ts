import { Logger } from '@nestjs/common';
import { LISTENER_FAILED } from '../health.messages';
import { HealthEvents } from './health-events';
import { type HealthStatusChange } from './health-status-change.interface';

const change: HealthStatusChange = {
  kind: 'check',
  name: 'db',
  previous: 'up',
  current: 'down',
  at: '2026-01-01T00:00:00.000Z',
};

describe('HealthEvents', () => {
  let events: HealthEvents;

  beforeEach(() => {
    events = new HealthEvents();
  });
  afterEach(() => jest.restoreAllMocks());

  it('hands every change to every subscriber', () => {
    const seen: HealthStatusChange[][] = [[], []];
    events.changes$.subscribe((c) => seen[0].push(c));
    events.changes$.subscribe((c) => seen[1].push(c));
    events.emitChange(change);
    expect(seen).toEqual([[change], [change]]);
  });

  it('contains an onChange listener that throws or rejects, and still reaches the others', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const after = jest.fn();
    const subscriber = jest.fn();
    events.onChange(() => {
      throw new Error('pager down: password=hunter2');
    });
    events.onChange(() => Promise.reject(new Error('async pager down')));
    events.onChange(after);
    events.changes$.subscribe(subscriber);
    expect(() => events.emitChange(change)).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(after).toHaveBeenCalledWith(change);
    expect(subscriber).toHaveBeenCalledWith(change);
    expect(warn.mock.calls).toEqual([
      [LISTENER_FAILED('pager down: password=***')],
      [LISTENER_FAILED('async pager down')],
    ]);
  });

  it('stops calling a listener once removed', () => {
    const listener = jest.fn();
    const remove = events.onChange(listener);
    remove();
    events.emitChange(change);
    expect(listener).not.toHaveBeenCalled();
  });

  it('snapshots what its source reads', () => {
    const snapshot = {
      checks: [{ name: 'db', status: 'down' as const, critical: true }],
      probes: { liveness: 'up' as const, readiness: 'down' as const, startup: 'up' as const },
    };
    events.attach(() => snapshot);
    expect(events.snapshot()).toBe(snapshot);
  });
});
