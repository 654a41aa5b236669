import { HealthIndicatorService } from '@nestjs/terminus';
import { CHECK_RETURNED_FALSE } from '../health.messages';
import { type HealthStatus } from '../interfaces';
import { degraded, down } from './health-status';
import { interpretCheckValue } from './check-value.interpreter';

describe('interpretCheckValue', () => {
  it.each([undefined, null, true])('reads %p as up without details', (value) => {
    expect(interpretCheckValue(value)).toEqual({ status: 'up' });
  });

  it('reads false as down', () => {
    expect(interpretCheckValue(false)).toEqual({
      status: 'down',
      error: CHECK_RETURNED_FALSE,
    });
  });

  it('reads a plain object as up, with the object as details', () => {
    const details = { latencyMs: 3, version: '16.2' };
    expect(interpretCheckValue(details)).toEqual({ status: 'up', details });
  });

  it('reads an empty object as up', () => {
    expect(interpretCheckValue({})).toMatchObject({ status: 'up' });
  });

  it('reads another primitive as up, with it as the value detail', () => {
    expect(interpretCheckValue(42)).toEqual({
      status: 'up',
      details: { value: 42 },
    });
    expect(interpretCheckValue('ok')).toEqual({
      status: 'up',
      details: { value: 'ok' },
    });
  });

  it('reads degraded(reason, details) as degraded, with the reason as error', () => {
    expect(interpretCheckValue(degraded('pool saturated', { waiting: 12 }))).toEqual({
      status: 'degraded',
      error: 'pool saturated',
      details: { waiting: 12 },
    });
  });

  it('reads degraded(reason) without details', () => {
    expect(interpretCheckValue(degraded('slow'))).toMatchObject({
      status: 'degraded',
      error: 'slow',
    });
  });

  it('reads down(reason, details) as down, keeping the figures as details', () => {
    expect(interpretCheckValue(down('disk almost full', { freeBytes: 1024 }))).toEqual({
      status: 'down',
      error: 'disk almost full',
      details: { freeBytes: 1024 },
    });
  });

  describe('@nestjs/terminus HealthIndicatorResult', () => {
    it('reads { key: { status: "up" } } as up, keeping it as details', () => {
      const value = { db: { status: 'up' } };
      expect(interpretCheckValue(value)).toEqual({
        status: 'up',
        details: value,
      });
    });

    it('reads a down entry as down', () => {
      expect(interpretCheckValue({ db: { status: 'down', message: 'refused' } })).toMatchObject({
        status: 'down',
      });
    });

    it('takes the worst status over several keys, in any order', () => {
      expect(interpretCheckValue({ a: { status: 'down' }, b: { status: 'up' } }).status).toBe(
        'down',
      );
      expect(interpretCheckValue({ a: { status: 'degraded' }, b: { status: 'up' } }).status).toBe(
        'degraded',
      );
      expect(interpretCheckValue({ a: { status: 'up' }, b: { status: 'down' } }).status).toBe(
        'down',
      );
      expect(
        interpretCheckValue({
          a: { status: 'degraded' },
          b: { status: 'down' },
        }).status,
      ).toBe('down');
      expect(interpretCheckValue({ a: { status: 'up' }, b: { status: 'degraded' } }).status).toBe(
        'degraded',
      );
    });

    // up and down exist in Terminus 11 and 12 alike (this suite runs on both); degraded is Terminus
    // 12 only and its shape is covered above.
    it('reads results built by terminus HealthIndicatorService', () => {
      const indicator = new HealthIndicatorService();
      expect(interpretCheckValue(indicator.check('db').up({ ms: 2 }))).toMatchObject({
        status: 'up',
        details: { db: { status: 'up', ms: 2 } },
      });
      expect(interpretCheckValue(indicator.check('db').down('refused')).status).toBe('down');
    });
  });

  describe('objects that only look like a terminus result', () => {
    it('reads an entry without a status as plain details (up)', () => {
      const value = { db: { status: 'up' }, pool: { size: 10 } };
      expect(interpretCheckValue(value)).toEqual({
        status: 'up',
        details: value,
      });
    });

    it('reads an unknown status as plain details (up)', () => {
      const value = { db: { status: 'broken' } };
      expect(interpretCheckValue(value)).toEqual({
        status: 'up',
        details: value,
      });
    });

    it('reads an array as up, with the array as details, even of status entries', () => {
      const value = [{ status: 'down' }];
      expect(interpretCheckValue(value)).toEqual({
        status: 'up',
        details: value,
      });
    });
  });

  describe('status words', () => {
    it.each<[string, HealthStatus, object]>([
      ['a top-level down', 'down', { status: 'down' }],
      ['a top-level DOWN', 'down', { status: 'DOWN', reason: 'replica lag' }],
      ['a top-level fail', 'down', { status: 'fail' }],
      ['a top-level Failed', 'down', { status: 'Failed' }],
      ['a top-level error', 'down', { status: 'error' }],
      ['a top-level unhealthy', 'down', { status: 'unhealthy' }],
      ['a top-level degraded', 'degraded', { status: 'degraded' }],
      ['a top-level WARN', 'degraded', { status: 'WARN' }],
      ['a top-level ok', 'up', { status: 'ok' }],
      ['a top-level pass', 'up', { status: 'pass' }],
      ['a top-level Healthy', 'up', { status: 'Healthy' }],
      ['a top-level UP', 'up', { status: 'UP' }],
      ['an entry DOWN', 'down', { db: { status: 'DOWN' } }],
      [
        'an entry down beside a non-object field',
        'down',
        { db: { status: 'down' }, checkedBy: 'x' },
      ],
      [
        'an entry down beside fields of every kind',
        'down',
        { db: { status: 'down' }, at: 3, tags: ['a'], none: null, pool: { size: 2 } },
      ],
      ['an entry error', 'down', { db: { status: 'error', message: 'refused' } }],
      [
        'an entry warn beside an entry ok',
        'degraded',
        { db: { status: 'ok' }, cache: { status: 'warn' } },
      ],
      [
        'an entry down beside one with an unknown status',
        'down',
        { db: { status: 'down' }, queue: { status: 'idle' } },
      ],
      [
        'entries under an unknown top-level status',
        'down',
        { status: 'idle', db: { status: 'unhealthy' } },
      ],
      [
        'a top-level ok over a down entry (the top level decides)',
        'up',
        { status: 'ok', db: { status: 'down' } },
      ],
      [
        'a terminus HealthCheckResult with status error',
        'down',
        { status: 'error', info: {}, error: { db: { status: 'down' } }, details: {} },
      ],
      [
        'a terminus HealthCheckResult with status ok',
        'up',
        { status: 'ok', info: { db: { status: 'up' } }, error: {}, details: {} },
      ],
    ])('reads %s as %s, keeping the value as details', (_case, status, value) => {
      expect(interpretCheckValue(value)).toEqual({ status, details: value });
    });

    it.each<[string, object]>([
      ['plain details', { latencyMs: 3, version: '16.2' }],
      ['a top-level status that is no status word', { status: 'idle' }],
      ['a top-level pending', { status: 'pending' }],
      ['an empty top-level status', { status: '' }],
      ['a top-level status code', { status: 503 }],
      ['a top-level null status', { status: null }],
      ['a status word padded with spaces', { status: ' down ' }],
      ['an entry with a status code', { http: { status: 503 } }],
      ['an entry with no status', { db: { code: 'down' } }],
      ['an entry with an unknown status', { job: { status: 'queued' } }],
      ['only non-object fields', { checkedBy: 'x', status2: 'down' }],
      ['an array of down entries', [{ status: 'down' }]],
      ['an array holding a down status word', ['down']],
      ['an object with no prototype', Object.assign(Object.create(null), { latencyMs: 1 })],
    ])('reads %s as up, keeping the value as details', (_case, value) => {
      expect(interpretCheckValue(value)).toEqual({ status: 'up', details: value });
    });
  });
});
