/**
 * Where the details endpoint finds roles unless `details.rolesOf` says otherwise: `request.user`,
 * as Passport and most JWT guards set it.
 *
 * @internal
 */
export const defaultRolesOf = (request: any): readonly string[] | undefined => {
  const user = request?.user;
  if (user === undefined || user === null) return undefined;
  return Array.isArray(user.roles) ? user.roles : [];
};
