import { Reflector } from '@nestjs/core';
import { PUBLIC_METADATA_KEY } from './auth.constants';
import { Public } from './public.decorator';

describe('@Public()', () => {
  it('stores true under its namespaced key, on a handler or a class', () => {
    @Public()
    class Target {
      @Public()
      handler(): void {}

      other(): void {}
    }
    const reflector = new Reflector();
    expect(Public.KEY).toBe(PUBLIC_METADATA_KEY);
    expect(reflector.get(Public, Target.prototype.handler)).toBe(true);
    expect(reflector.get(Public, Target)).toBe(true);
    expect(reflector.get(Public, Target.prototype.other)).toBeUndefined();
  });
});
