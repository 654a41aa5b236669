import { type OptionFailure } from '../ready-made/ready-made-check.registrar';
import { EXPECTED_READY_MADE } from '../ready-made/ready-made.validation';
import {
  checkThresholdOrder,
  crossedThreshold,
  resolveThreshold,
  type ThresholdUnits,
} from './health-threshold.util';
import { EXPECTED_THRESHOLD, EXPECTED_THRESHOLD_ORDER } from './system.messages';

class Failure extends Error {
  constructor(readonly args: [string, string, unknown]) {
    super(args[0]);
  }
}

const fail: OptionFailure = (...args) => {
  throw new Failure(args);
};

function failureOf(run: () => unknown): [string, string, unknown] {
  try {
    run();
  } catch (error) {
    if (error instanceof Failure) return error.args;
    throw error;
  }
  throw new Error('expected a failure');
}

const UNITS: ThresholdUnits<'bytes' | 'percent'> = { bytes: 'bytes', percent: 'percent' };

describe('resolveThreshold', () => {
  it('keeps the fields that are set', () => {
    expect(resolveThreshold('downBelow', { bytes: 5, percent: 100 }, UNITS, fail)).toEqual({
      bytes: 5,
      percent: 100,
    });
    expect(resolveThreshold('downBelow', { percent: 0.5, bytes: undefined }, UNITS, fail)).toEqual({
      percent: 0.5,
    });
  });

  it.each([null, 5, 'x', [1]])('fails on %p, which is not an object', (given) => {
    expect(failureOf(() => resolveThreshold('downBelow', given, UNITS, fail))).toEqual([
      'downBelow',
      EXPECTED_THRESHOLD(['bytes', 'percent']),
      given,
    ]);
  });

  it('fails on an object without any field set', () => {
    expect(failureOf(() => resolveThreshold('downBelow', {}, UNITS, fail))).toEqual([
      'downBelow',
      EXPECTED_THRESHOLD(['bytes', 'percent']),
      {},
    ]);
  });

  it('fails on an unknown field, naming it', () => {
    expect(failureOf(() => resolveThreshold('downBelow', { byte: 5 }, UNITS, fail))).toEqual([
      'downBelow.byte',
      'absent (known fields: bytes, percent)',
      5,
    ]);
  });

  it.each([0, -1, Infinity, NaN, '5'])('fails on bytes %p', (bytes) => {
    expect(failureOf(() => resolveThreshold('downBelow', { bytes }, UNITS, fail))).toEqual([
      'downBelow.bytes',
      EXPECTED_READY_MADE.bytes,
      bytes,
    ]);
  });

  it.each([0, 100.1, -5, NaN])('fails on percent %p', (percent) => {
    expect(failureOf(() => resolveThreshold('downBelow', { percent }, UNITS, fail))).toEqual([
      'downBelow.percent',
      EXPECTED_READY_MADE.percent,
      percent,
    ]);
  });
});

describe('checkThresholdOrder', () => {
  const pair = (
    direction: 'below' | 'above',
    down: Record<string, number>,
    degraded: Record<string, number>,
    defaulted: { down?: boolean; degraded?: boolean } = {},
  ) => ({
    direction,
    down: { option: 'down', value: down, defaulted: defaulted.down ?? false },
    degraded: { option: 'degraded', value: degraded, defaulted: defaulted.degraded ?? false },
  });

  it('accepts a down threshold stricter than its degraded one, field by field', () => {
    expect(() =>
      checkThresholdOrder(pair('below', { bytes: 1, percent: 5 }, { bytes: 2 }), fail),
    ).not.toThrow();
    expect(() => checkThresholdOrder(pair('above', { rss: 10 }, { rss: 5 }), fail)).not.toThrow();
    expect(() => checkThresholdOrder(pair('above', { rss: 1 }, { heap: 5 }), fail)).not.toThrow();
  });

  it('blames the down field when both were given', () => {
    expect(
      failureOf(() => checkThresholdOrder(pair('below', { bytes: 2 }, { bytes: 2 }), fail)),
    ).toEqual(['down.bytes', EXPECTED_THRESHOLD_ORDER('less', 'degraded.bytes', 2, false), 2]);
    expect(
      failureOf(() => checkThresholdOrder(pair('above', { rss: 4 }, { rss: 5 }), fail)),
    ).toEqual(['down.rss', EXPECTED_THRESHOLD_ORDER('more', 'degraded.rss', 5, false), 4]);
  });

  it('blames the field the user wrote when the other is a default', () => {
    const belowDefault = pair('below', { bytes: 10 }, { bytes: 1 }, { down: true });
    expect(failureOf(() => checkThresholdOrder(belowDefault, fail))).toEqual([
      'degraded.bytes',
      EXPECTED_THRESHOLD_ORDER('more', 'down.bytes', 10, true),
      1,
    ]);
    const aboveDefault = pair('above', { heap: 80 }, { heap: 90 }, { degraded: true });
    expect(failureOf(() => checkThresholdOrder(aboveDefault, fail))).toEqual([
      'down.heap',
      EXPECTED_THRESHOLD_ORDER('more', 'degraded.heap', 90, true),
      80,
    ]);
  });
});

describe('crossedThreshold', () => {
  const figures = { bytes: 100, percent: 20 };

  it('finds the first field crossed, strictly', () => {
    expect(crossedThreshold({ bytes: 50, percent: 25 }, figures, 'below')).toEqual({
      field: 'percent',
      figure: 20,
      limit: 25,
    });
    expect(crossedThreshold({ bytes: 100, percent: 20 }, figures, 'below')).toBeUndefined();
    expect(crossedThreshold({ bytes: 99 }, figures, 'above')).toEqual({
      field: 'bytes',
      figure: 100,
      limit: 99,
    });
    expect(crossedThreshold({ bytes: 100 }, figures, 'above')).toBeUndefined();
    expect(crossedThreshold(undefined, figures, 'above')).toBeUndefined();
  });
});
