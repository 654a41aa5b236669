import { EXPECTED, MAX_DURATION_MS } from '../options/option.validators';
import { type OptionFailure } from './ready-made-check.registrar';
import { checkMilliseconds, isBytes, isPercent } from './ready-made.validation';

const fail: OptionFailure = (option, expected, actual) => {
  throw new Error(`${option}|${expected}|${String(actual)}`);
};

describe('checkMilliseconds', () => {
  it.each([undefined, 1, 0.5, MAX_DURATION_MS])('accepts %p', (value) => {
    expect(() => checkMilliseconds('degradedAboveMs', value, fail)).not.toThrow();
  });

  it.each([0, -1, NaN, Infinity, MAX_DURATION_MS + 1, '100', null])(
    'fails on %p with the one millisecond text of the package',
    (value) => {
      expect(() => checkMilliseconds('downAboveMs', value, fail)).toThrow(
        `downAboveMs|${EXPECTED.positiveDuration}|${String(value)}`,
      );
    },
  );
});

describe('unit validators', () => {
  it.each([
    [1, true],
    [0.5, true],
    [2 ** 53, true],
    [0, false],
    [-1, false],
    [Infinity, false],
    [NaN, false],
    ['5', false],
  ])('isBytes(%p) is %p', (value, expected) => {
    expect(isBytes(value)).toBe(expected);
  });

  it.each([
    [100, true],
    [0.1, true],
    [100.1, false],
    [0, false],
    [NaN, false],
  ])('isPercent(%p) is %p', (value, expected) => {
    expect(isPercent(value)).toBe(expected);
  });
});
