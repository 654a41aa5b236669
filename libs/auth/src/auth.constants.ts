/** @internal Metadata key written by `@Roles()`. */
export const ROLES_METADATA_KEY = 'AUTH:ROLES';

/** @internal The only algorithm tokens are signed with and accepted in. */
export const JWT_ALGORITHM = 'HS256';

/** @internal HS256 keys shorter than this are refused. */
export const MIN_JWT_SECRET_LENGTH = 32;

/** @internal Used when `JWT_ISSUER` is unset. */
export const DEFAULT_JWT_ISSUER = 'nestjs-probes-example';

/** @internal Lifetime of a minted token when the caller gives none. */
export const DEFAULT_TOKEN_TTL = '1h';

/** @internal Subject and roles of the admin token logged when `JWT_SECRET` is unset. */
export const DEV_ADMIN_SUBJECT = 'local-admin';
export const DEV_ADMIN_ROLES: readonly string[] = ['admin'];

/** @internal Metadata key written by `@Public()`. */
export const PUBLIC_METADATA_KEY = 'AUTH:PUBLIC';
