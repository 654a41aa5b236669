import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService, type JwtSignOptions } from '@nestjs/jwt';
import { DEFAULT_TOKEN_TTL } from './auth.constants';
import { INVALID_BEARER_TOKEN, INVALID_ROLES, INVALID_SUBJECT } from './auth.messages';
import { type AuthenticatedUser, type MintTokenOptions } from './interfaces';
import { isRoleList } from './roles.decorator';

/**
 * Mints and verifies the app's bearer tokens (HS256, issuer from `JWT_ISSUER`).
 *
 * @publicApi
 */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  /** Signs a token carrying `sub` and `roles`, valid for `expiresIn` (default one hour). */
  mint({ subject, roles, expiresIn = DEFAULT_TOKEN_TTL }: MintTokenOptions): Promise<string> {
    if (typeof subject !== 'string' || subject === '') throw new Error(INVALID_SUBJECT(subject));
    if (!isRoleList(roles)) throw new Error(INVALID_ROLES('TokenService.mint()', roles));
    return this.jwt.signAsync({ roles: [...roles] }, { subject, expiresIn: toLifetime(expiresIn) });
  }

  /**
   * Checks signature, algorithm, issuer, expiry and claims.
   * @throws UnauthorizedException with a fixed message, whatever went wrong.
   */
  async verify(token: string): Promise<AuthenticatedUser> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch (cause) {
      throw new UnauthorizedException(INVALID_BEARER_TOKEN, { cause });
    }
    const user = toUser(payload);
    if (!user) throw new UnauthorizedException(INVALID_BEARER_TOKEN);
    return user;
  }
}

// jsonwebtoken reads a digit-only string as milliseconds ('3600' = 3.6 s); we mean seconds.
const toLifetime = (expiresIn: string | number): JwtSignOptions['expiresIn'] =>
  (typeof expiresIn === 'string' && /^\d+$/.test(expiresIn)
    ? Number(expiresIn)
    : expiresIn) as JwtSignOptions['expiresIn'];

// A token without `exp` would never expire: only tokens we could have minted are accepted.
const toUser = (payload: unknown): AuthenticatedUser | undefined => {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { sub, roles, exp } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '' || !isRoleList(roles) || typeof exp !== 'number') {
    return undefined;
  }
  return { id: sub, roles: [...roles] };
};
