import { JwtService } from '@nestjs/jwt';
import { JWT_SECRET_REQUIRED_FOR_CLI, JWT_SECRET_TOO_SHORT } from '../auth.messages';
import { buildJwtModuleOptions } from '../auth.providers';
import { TokenService } from '../token.service';
import { main } from './mint-token';

const SECRET = 'c'.repeat(32);

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, env, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

const verifierFor = (issuer: string) =>
  new TokenService(new JwtService(buildJwtModuleOptions(SECRET, issuer)));

describe('mint-token CLI', () => {
  it('prints only a token that TokenService verifies with the same secret', async () => {
    const { code, out, err } = await run(
      ['--role', 'admin', '--role', 'ops', '--subject', 'alice', '--expires-in', '2h'],
      { JWT_SECRET: SECRET },
    );
    expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
    await expect(verifierFor('nestjs-probes-example').verify(out[0])).resolves.toEqual({
      id: 'alice',
      roles: ['admin', 'ops'],
    });
    const { exp, iat } = new JwtService().decode(out[0]);
    expect(exp - iat).toBe(7200);
  });

  it('defaults to an admin token for local-admin, valid one hour, under JWT_ISSUER', async () => {
    const { out } = await run([], { JWT_SECRET: SECRET, JWT_ISSUER: 'custom' });
    await expect(verifierFor('custom').verify(out[0])).resolves.toEqual({
      id: 'local-admin',
      roles: ['admin'],
    });
    const { exp, iat } = new JwtService().decode(out[0]);
    expect(exp - iat).toBe(3600);
  });

  it.each([
    ['unset', {}, JWT_SECRET_REQUIRED_FOR_CLI],
    ['too short', { JWT_SECRET: 'short' }, JWT_SECRET_TOO_SHORT(5)],
  ])('exits 1 with an error on stderr when JWT_SECRET is %s', async (_case, env, message) => {
    const { code, out, err } = await run(['--role', 'admin'], env);
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual([`mint-token: ${message}`]);
  });

  it.each([[['--nope']], [['--expires-in', 'soon']], [['--role']]])(
    'exits 1 on bad arguments %p',
    async (argv) => {
      const { code, out, err } = await run(argv, { JWT_SECRET: SECRET });
      expect({ code, out, errors: err.length }).toEqual({ code: 1, out: [], errors: 1 });
    },
  );

  it('prints usage for --help, without needing a secret', async () => {
    const { code, out } = await run(['--help'], {});
    expect(code).toBe(0);
    expect(out[0]).toMatch(/--role <name>[\s\S]*--subject[\s\S]*--expires-in/);
  });
});
