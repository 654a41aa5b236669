import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { INVALID_BEARER_TOKEN } from './auth.messages';
import { buildJwtModuleOptions } from './auth.providers';
import { TokenService } from './token.service';

const SECRET = 'a'.repeat(32);
const ISSUER = 'test-issuer';
const tokens = new TokenService(new JwtService(buildJwtModuleOptions(SECRET, ISSUER)));
const raw = new JwtService({ secret: SECRET });
const claims = (token: string) => raw.decode<Record<string, unknown>>(token);

async function rejection(token: string): Promise<unknown> {
  return tokens.verify(token).then(
    () => new Error('expected verify() to reject'),
    (error: unknown) => error,
  );
}

describe('TokenService', () => {
  it('mints a token that verifies back to the user', async () => {
    const token = await tokens.mint({ subject: 'alice', roles: ['admin', 'ops'] });
    await expect(tokens.verify(token)).resolves.toEqual({ id: 'alice', roles: ['admin', 'ops'] });
    expect(claims(token)).toMatchObject({ sub: 'alice', iss: ISSUER, roles: ['admin', 'ops'] });
  });

  it('signs with HS256 and expires after one hour by default', async () => {
    const token = await tokens.mint({ subject: 'alice', roles: [] });
    const { header, payload } = raw.decode<{ exp: number; iat: number }>(token, {
      complete: true,
    });
    expect(header.alg).toBe('HS256');
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it.each([
    ['2h', 7200],
    [90, 90],
    ['90', 90],
  ])('reads expiresIn %p as %p seconds', async (expiresIn, seconds) => {
    const token = await tokens.mint({ subject: 'alice', roles: [], expiresIn });
    const { exp, iat } = claims(token) as { exp: number; iat: number };
    expect(exp - iat).toBe(seconds);
  });

  it('refuses to mint without a subject or with roles that are not strings', async () => {
    expect(() => tokens.mint({ subject: '', roles: [] })).toThrow(/non-empty subject/);
    expect(() => tokens.mint({ subject: 'a', roles: [1] as unknown as string[] })).toThrow(
      /role names/,
    );
  });

  const sign = (payload: object, options: object = {}, secret = SECRET) =>
    raw.sign(payload, { secret, issuer: ISSUER, expiresIn: 60, subject: 'alice', ...options });

  it.each([
    ['expired', () => sign({ roles: [] }, { expiresIn: -10 })],
    ['signed with another secret', () => sign({ roles: [] }, {}, 'b'.repeat(32))],
    ['from another issuer', () => sign({ roles: [] }, { issuer: 'someone-else' })],
    ['signed with HS512', () => sign({ roles: [] }, { algorithm: 'HS512' })],
    ['unsigned (alg none)', () => sign({ roles: [] }, { algorithm: 'none' }, '')],
    ['without a roles array', () => sign({ roles: 'admin' })],
    ['with a non-string role', () => sign({ roles: ['admin', 7] })],
    ['without a subject', () => raw.sign({ roles: [] }, { issuer: ISSUER, expiresIn: 60 })],
    ['without an expiry', () => raw.sign({ roles: [] }, { issuer: ISSUER, subject: 'alice' })],
    ['not a JWT', () => 'not-a-jwt'],
  ])('rejects a token %s with a fixed 401 message', async (_case, makeToken) => {
    const token = makeToken();
    const error = await rejection(token);
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect((error as UnauthorizedException).message).toBe(INVALID_BEARER_TOKEN);
    expect(JSON.stringify((error as UnauthorizedException).getResponse())).not.toContain(token);
  });
});
