import { defaultRolesOf } from './default-roles-of';

describe('defaultRolesOf', () => {
  it.each([
    ['no request', undefined, undefined],
    ['a request without user', {}, undefined],
    ['a null user', { user: null }, undefined],
    ['a user without roles', { user: { id: 1 } }, []],
    ['a user with non-array roles', { user: { roles: 'admin' } }, []],
    ['a user with roles', { user: { roles: ['admin', 'ops'] } }, ['admin', 'ops']],
  ])('reads %s', (_case, request, expected) => {
    expect(defaultRolesOf(request)).toEqual(expected);
  });
});
