import { Reflector } from '@nestjs/core';
import { HEALTH_CHECK_METADATA } from '../health.constants';
import { HealthCheck } from './health-check.decorator';

describe('@HealthCheck()', () => {
  const reflector = new Reflector();

  class Checks {
    @HealthCheck({ name: 'database', ttl: 0, probe: ['readiness', 'startup'] })
    database() {}

    @HealthCheck()
    cache() {}

    plain() {}
  }

  it('stores the options it is given on the method', () => {
    expect(reflector.get(HealthCheck, Checks.prototype.database)).toEqual({
      name: 'database',
      ttl: 0,
      probe: ['readiness', 'startup'],
    });
  });

  it('stores an empty object when called without options', () => {
    expect(reflector.get(HealthCheck, Checks.prototype.cache)).toEqual({});
  });

  it('stores them under its namespaced key', () => {
    expect(Reflect.getMetadata(HEALTH_CHECK_METADATA, Checks.prototype.database)).toEqual({
      name: 'database',
      ttl: 0,
      probe: ['readiness', 'startup'],
    });
  });

  it('marks only the decorated methods', () => {
    expect(reflector.get(HealthCheck, Checks.prototype.plain)).toBeUndefined();
  });

  it('keeps invalid options as given, for validation at discovery', () => {
    class Invalid {
      @HealthCheck({ ttl: -1 })
      check() {}
    }
    expect(reflector.get(HealthCheck, Invalid.prototype.check)).toEqual({
      ttl: -1,
    });
  });

  it('leaves the method itself unchanged', () => {
    class Checks2 {
      @HealthCheck()
      check() {
        return 'result';
      }
    }
    expect(new Checks2().check()).toBe('result');
  });
});
