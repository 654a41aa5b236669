import { randomBytes } from 'node:crypto';
import { type ConfigService } from '@nestjs/config';
import { type JwtModuleOptions } from '@nestjs/jwt';
import { DEFAULT_JWT_ISSUER, JWT_ALGORITHM, MIN_JWT_SECRET_LENGTH } from './auth.constants';
import { JWT_SECRET_NOT_A_STRING, JWT_SECRET_TOO_SHORT } from './auth.messages';

/** @internal The auth settings read from the environment, validated. */
export interface AuthEnv {
  /** `undefined` when `JWT_SECRET` is unset. */
  secret: string | undefined;
  issuer: string;
}

/**
 * @internal Reads `JWT_SECRET` and `JWT_ISSUER`. A set secret (even an empty one) must be long
 * enough: a half-configured deployment fails at bootstrap instead of running on a random key.
 */
export function readAuthEnv(get: (key: string) => unknown): AuthEnv {
  const secret = get('JWT_SECRET');
  const issuer = get('JWT_ISSUER');
  if (secret !== undefined && typeof secret !== 'string') {
    throw new Error(JWT_SECRET_NOT_A_STRING(typeof secret));
  }
  if (secret !== undefined && secret.length < MIN_JWT_SECRET_LENGTH) {
    throw new Error(JWT_SECRET_TOO_SHORT(secret.length));
  }
  return { secret, issuer: typeof issuer === 'string' && issuer ? issuer : DEFAULT_JWT_ISSUER };
}

/** @internal The one place where algorithm and issuer are pinned, for signing and verifying. */
export function buildJwtModuleOptions(secret: string, issuer: string): JwtModuleOptions {
  return {
    secret,
    signOptions: { algorithm: JWT_ALGORITHM, issuer },
    verifyOptions: { algorithms: [JWT_ALGORITHM], issuer },
  };
}

/** @internal `JwtModule.registerAsync` factory: a random per-run secret when none is set. */
export function createJwtModuleOptions(config: ConfigService): JwtModuleOptions {
  const { secret, issuer } = readAuthEnv((key) => config.get(key));
  return buildJwtModuleOptions(secret ?? randomBytes(32).toString('base64url'), issuer);
}
