import {
  EXPECTED,
  exceedsMaxDuration,
  isDuration,
  isPositiveDuration,
  MAX_DURATION_MS,
} from './option.validators';

describe('duration validators', () => {
  it('allow what a Node.js timer holds: up to 2^31 - 1 ms', () => {
    expect(MAX_DURATION_MS).toBe(2_147_483_647);
  });

  it.each([0, 1, 0.5, 5_000, MAX_DURATION_MS])('isDuration accepts %p', (value) => {
    expect(isDuration(value)).toBe(true);
  });

  it.each([-1, -0.5, MAX_DURATION_MS + 1, 2 ** 32, 1e300, Infinity, -Infinity, NaN, '5', null])(
    'isDuration rejects %p',
    (value) => {
      expect(isDuration(value)).toBe(false);
    },
  );

  it.each([
    [1, true],
    [MAX_DURATION_MS, true],
    [0, false],
    [MAX_DURATION_MS + 1, false],
    [Infinity, false],
  ])('isPositiveDuration(%p) is %p', (value, expected) => {
    expect(isPositiveDuration(value)).toBe(expected);
  });

  it.each([
    [MAX_DURATION_MS + 1, true],
    [Infinity, true],
    [MAX_DURATION_MS, false],
    [-1, false],
    [NaN, false],
    ['9999999999', false],
  ])('exceedsMaxDuration(%p) is %p', (value, expected) => {
    expect(exceedsMaxDuration(value)).toBe(expected);
  });

  it('say both bounds in their expected texts', () => {
    expect(EXPECTED.duration).toBe(
      'a finite number of milliseconds >= 0 and below 2^31 (about 24.8 days)',
    );
    expect(EXPECTED.positiveDuration).toBe(
      'a finite number of milliseconds > 0 and below 2^31 (about 24.8 days)',
    );
  });
});
