import { Reflector } from '@nestjs/core';
import { ROLES_METADATA_KEY } from './auth.constants';
import { INVALID_ROLES } from './auth.messages';
import { Roles } from './roles.decorator';

describe('@Roles()', () => {
  it('stores a frozen copy under its namespaced key', () => {
    const roles = ['admin', 'ops'];
    class Target {
      @Roles(roles)
      handler(): void {}
    }
    roles.push('late');
    const stored = new Reflector().get(Roles, Target.prototype.handler);
    expect(Roles.KEY).toBe(ROLES_METADATA_KEY);
    expect(stored).toEqual(['admin', 'ops']);
    expect(Object.isFrozen(stored)).toBe(true);
  });

  it.each([[undefined], [[]], [['admin', '']], [['admin', 1]], ['admin']])(
    'throws when decorating with %p',
    (value) => {
      expect(() => Roles(value as string[])(class {})).toThrow(INVALID_ROLES('@Roles()', value));
    },
  );
});
