import { HealthConfigurationError } from '../errors';
import { INVALID_MODULE_OPTION } from '../health.messages';
import { normalisePath } from './mount-path';
import { EXPECTED } from './option.validators';

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(INVALID_MODULE_OPTION(option, expected, actual));

describe('normalisePath', () => {
  it.each([
    ['health', 'health'],
    ['/health', 'health'],
    ['health/', 'health'],
    ['//ops/health//', 'ops/health'],
    ['', ''],
    ['/', ''],
    ['api/v1.0/_health-check~x', 'api/v1.0/_health-check~x'],
  ])('%j → %j', (path, expected) => {
    expect(normalisePath(path)).toBe(expected);
  });

  it.each([
    ['a b'],
    ['health?x=1'],
    ['health#x'],
    ['health%20x'],
    [undefined],
    [null],
    [['health']],
  ])('rejects %j', (path) => {
    expect(() => normalisePath(path)).toThrow(invalid('path', EXPECTED.path, path));
  });
});
