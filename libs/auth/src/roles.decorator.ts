import { Reflector } from '@nestjs/core';
import { ROLES_METADATA_KEY } from './auth.constants';
import { INVALID_ROLES } from './auth.messages';

/** @internal Also used by `TokenService` to check the `roles` claim. */
export const isRoleList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((role) => typeof role === 'string');

const normaliseRoles = (roles: readonly string[] | undefined): readonly string[] => {
  if (!isRoleList(roles) || roles.length === 0 || roles.some((role) => role === '')) {
    throw new Error(INVALID_ROLES('@Roles()', roles));
  }
  return Object.freeze([...roles]);
};

/**
 * Restricts a handler or a whole controller to callers holding at least one of the roles:
 * anonymous callers get 401, authenticated callers without a matching role get 403.
 * A handler's `@Roles()` replaces its controller's.
 *
 * @example `@Roles(['admin'])`
 * @publicApi
 */
export const Roles = Reflector.createDecorator<readonly string[], readonly string[]>({
  key: ROLES_METADATA_KEY,
  transform: normaliseRoles,
});
