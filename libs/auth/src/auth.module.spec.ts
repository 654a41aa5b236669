import { type INestApplication, Logger } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { EPHEMERAL_JWT_SECRET, JWT_SECRET_TOO_SHORT } from './auth.messages';
import { AuthModule } from './auth.module';
import { TokenService } from './token.service';

async function createApp(config: Record<string, string>): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
      AuthModule,
    ],
  }).compile();
  return moduleRef.createNestApplication({ logger: false });
}

describe('AuthModule', () => {
  let app: INestApplication | undefined;
  let log: jest.SpyInstance;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    // Config comes from `load`; ConfigService would prefer a JWT_* left in the shell's env.
    const { JWT_SECRET: _secret, JWT_ISSUER: _issuer, ...env } = process.env;
    jest.replaceProperty(process, 'env', env);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    jest.restoreAllMocks();
  });

  it('fails bootstrap when JWT_SECRET is shorter than 32 characters', async () => {
    const init = createApp({ JWT_SECRET: 'x'.repeat(31) }).then((created) => {
      app = created;
      return created.init();
    });
    await expect(init).rejects.toThrow(JWT_SECRET_TOO_SHORT(31));
  });

  it('without JWT_SECRET, warns once and logs a one-hour admin token the app accepts', async () => {
    app = await (await createApp({})).init();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(EPHEMERAL_JWT_SECRET);

    const line = log.mock.calls.map(([message]) => String(message)).find((m) => /token/.test(m));
    const token = /: (\S+)$/.exec(line ?? '')?.[1] ?? '';
    await expect(app.get(TokenService).verify(token)).resolves.toEqual({
      id: 'local-admin',
      roles: ['admin'],
    });
    const { exp, iat, iss } = new JwtService().decode(token);
    expect(exp - iat).toBe(3600);
    expect(iss).toBe('nestjs-probes-example');
  });

  it('with JWT_SECRET set, logs nothing about tokens and uses that secret and JWT_ISSUER', async () => {
    const secret = 'k'.repeat(32);
    app = await (await createApp({ JWT_SECRET: secret, JWT_ISSUER: 'my-issuer' })).init();
    const messages = [...log.mock.calls, ...warn.mock.calls].map(([message]) => String(message));
    expect(messages.filter((m) => /token|JWT_SECRET/i.test(m))).toEqual([]);

    const token = await app.get(TokenService).mint({ subject: 'alice', roles: ['admin'] });
    expect(new JwtService({ secret }).verify(token, { issuer: 'my-issuer' })).toMatchObject({
      sub: 'alice',
    });
  });
});
