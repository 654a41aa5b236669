import { MIN_JWT_SECRET_LENGTH } from './auth.constants';

/** @internal */
export const JWT_SECRET_TOO_SHORT = (length: number) =>
  `JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters long (HS256 key), got ${length}. Generate one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`;

/** @internal */
export const JWT_SECRET_NOT_A_STRING = (type: string) =>
  `JWT_SECRET must be a string of at least ${MIN_JWT_SECRET_LENGTH} characters, got a ${type}.`;

/** @internal */
export const JWT_SECRET_REQUIRED_FOR_CLI = `JWT_SECRET is not set. Tokens are only accepted by an app that runs with the same JWT_SECRET (at least ${MIN_JWT_SECRET_LENGTH} characters): JWT_SECRET=<the app's secret> npm run token -- --role admin. An app started without JWT_SECRET logs its own admin token instead.`;

/** @internal */
export const EPHEMERAL_JWT_SECRET = `JWT_SECRET is not set: signing tokens with a random secret for this run, so tokens will not survive a restart. Set JWT_SECRET (at least ${MIN_JWT_SECRET_LENGTH} characters) to keep them.`;

/** @internal */
export const DEV_ADMIN_TOKEN = (token: string) =>
  `Admin token for this run (valid for 1 hour): ${token}`;

/** @internal Fixed on purpose: never echo the token or the JWT library's reason. */
export const INVALID_BEARER_TOKEN = 'invalid or expired bearer token';

/** @internal */
export const AUTHENTICATION_REQUIRED = 'authentication required';

/** @internal */
export const MISSING_ROLE = (roles: readonly string[]) =>
  `requires one of the roles: ${roles.join(', ')}`;

/** @internal */
export const INVALID_ROLES = (where: string, value: unknown) =>
  `${where} needs a non-empty array of non-empty role names, got ${JSON.stringify(value) ?? String(value)}.`;

/** @internal */
export const INVALID_SUBJECT = (value: unknown) =>
  `TokenService.mint() needs a non-empty subject, got ${JSON.stringify(value) ?? String(value)}.`;
