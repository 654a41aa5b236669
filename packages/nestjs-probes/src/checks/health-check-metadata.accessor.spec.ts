import { Reflector } from '@nestjs/core';
import { HealthCheck } from '../decorators';
import { HealthCheckMetadataAccessor } from './health-check-metadata.accessor';

class Checks {
  @HealthCheck({ name: 'database' })
  database() {}

  @HealthCheck()
  cache() {}

  plain() {}
}

describe('HealthCheckMetadataAccessor', () => {
  const accessor = new HealthCheckMetadataAccessor(new Reflector());

  it('returns the options of a decorated method', () => {
    expect(accessor.getOptions(Checks.prototype.database)).toEqual({
      name: 'database',
    });
  });

  it('returns an empty object for a method decorated without options', () => {
    expect(accessor.getOptions(Checks.prototype.cache)).toEqual({});
  });

  it('returns undefined for an undecorated method', () => {
    expect(accessor.getOptions(Checks.prototype.plain)).toBeUndefined();
  });

  it('returns the options of an inherited decorated method', () => {
    class Derived extends Checks {}
    expect(accessor.getOptions(Derived.prototype.database)).toEqual({
      name: 'database',
    });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'database'],
    ['a plain object', { name: 'database' }],
    ['a null-prototype object', Object.create(null)],
  ])('returns undefined for %s', (_case, target) => {
    expect(accessor.getOptions(target)).toBeUndefined();
  });
});
