import { DEFAULT_JWT_ISSUER } from './auth.constants';
import { JWT_SECRET_NOT_A_STRING, JWT_SECRET_TOO_SHORT } from './auth.messages';
import { buildJwtModuleOptions, readAuthEnv } from './auth.providers';

const SECRET = 'x'.repeat(32);
const from = (env: Record<string, unknown>) => (key: string) => env[key];

describe('readAuthEnv', () => {
  it('reads JWT_SECRET and JWT_ISSUER', () => {
    expect(readAuthEnv(from({ JWT_SECRET: SECRET, JWT_ISSUER: 'me' }))).toEqual({
      secret: SECRET,
      issuer: 'me',
    });
  });

  it('leaves the secret undefined and defaults the issuer when both are unset', () => {
    expect(readAuthEnv(from({}))).toEqual({ secret: undefined, issuer: DEFAULT_JWT_ISSUER });
    expect(readAuthEnv(from({ JWT_ISSUER: '' })).issuer).toBe(DEFAULT_JWT_ISSUER);
  });

  it.each(['', 'x'.repeat(31)])('refuses a secret of %p characters', (secret) => {
    expect(() => readAuthEnv(from({ JWT_SECRET: secret }))).toThrow(
      JWT_SECRET_TOO_SHORT(secret.length),
    );
  });

  it('refuses a secret that is not a string', () => {
    expect(() => readAuthEnv(from({ JWT_SECRET: 42 }))).toThrow(JWT_SECRET_NOT_A_STRING('number'));
  });

  it('names JWT_SECRET and the 32-character rule in the error', () => {
    expect(JWT_SECRET_TOO_SHORT(5)).toMatch(/^JWT_SECRET must be at least 32 characters/);
  });
});

describe('buildJwtModuleOptions', () => {
  it('pins HS256 and the issuer for signing and verifying', () => {
    expect(buildJwtModuleOptions(SECRET, 'me')).toEqual({
      secret: SECRET,
      signOptions: { algorithm: 'HS256', issuer: 'me' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'me' },
    });
  });
});
