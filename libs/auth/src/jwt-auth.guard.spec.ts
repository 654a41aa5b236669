import { Controller, type ExecutionContext, Get, type INestApplication, Req } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { HealthModule } from 'nestjs-probes';
import request from 'supertest';
import { AUTHENTICATION_REQUIRED, INVALID_BEARER_TOKEN, MISSING_ROLE } from './auth.messages';
import { AuthModule } from './auth.module';
import { type AuthenticatedUser } from './interfaces';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { TokenService } from './token.service';

const SECRET = 's'.repeat(32);
const ISSUER = 'guard-spec';

@Controller()
class OpenController {
  @Get('whoami')
  whoami(@Req() req: { user?: AuthenticatedUser }) {
    return { user: req.user ?? null };
  }

  @Get('admin')
  @Roles(['admin'])
  admin() {
    return { ok: true };
  }
}

@Controller('ops')
@Roles(['ops'])
class OpsController {
  @Get()
  ops() {
    return { ok: true };
  }

  @Get('audit')
  @Roles(['auditor'])
  audit() {
    return { ok: true };
  }
}

@Controller('metrics')
class MetricsController {
  @Get()
  @Public()
  metrics(@Req() req: { user?: AuthenticatedUser }) {
    return { user: req.user ?? null };
  }
}

@Controller('scrape')
@Public()
class PublicController {
  @Get()
  open() {
    return { ok: true };
  }

  @Get('locked')
  @Roles(['admin'])
  locked() {
    return { ok: true };
  }
}

@Controller('ops-open')
@Roles(['ops'])
class RolesWithPublicHandlerController {
  @Get()
  @Public()
  open() {
    return { ok: true };
  }

  @Get('both')
  @Public()
  @Roles(['admin'])
  both() {
    return { ok: true };
  }
}

describe.each(['express', 'fastify'] as const)('JwtAuthGuard over %s', (adapter) => {
  let app: INestApplication;
  let tokens: TokenService;
  const raw = new JwtService({ secret: SECRET });
  const sign = (payload: object, options: object = {}, secret = SECRET) =>
    raw.sign(payload, { secret, issuer: ISSUER, expiresIn: 60, subject: 'alice', ...options });
  const get = (path: string, authorization?: string) => {
    const test = request(app.getHttpServer()).get(path);
    return authorization === undefined ? test : test.set('Authorization', authorization);
  };

  beforeEach(async () => {
    // Config comes from `load`; ConfigService would prefer a JWT_* left in the shell's env.
    const { JWT_SECRET: _secret, JWT_ISSUER: _issuer, ...env } = process.env;
    jest.replaceProperty(process, 'env', env);
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [() => ({ JWT_SECRET: SECRET, JWT_ISSUER: ISSUER })],
        }),
        AuthModule,
        HealthModule.forRoot(),
      ],
      controllers: [
        OpenController,
        OpsController,
        MetricsController,
        PublicController,
        RolesWithPublicHandlerController,
      ],
    }).compile();
    app =
      adapter === 'fastify'
        ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
        : moduleRef.createNestApplication({ logger: false });
    await app.init();
    if (adapter === 'fastify') await app.getHttpAdapter().getInstance().ready();
    tokens = app.get(TokenService);
  });

  afterEach(async () => {
    await app.close();
    jest.restoreAllMocks();
  });

  describe('on the health probes', () => {
    const invalid = [
      ['not a bearer token', 'Basic YWxpY2U6c2VjcmV0'],
      ['a malformed token', 'Bearer not-a-jwt'],
      ['an expired token', () => `Bearer ${sign({ roles: [] }, { expiresIn: -10 })}`],
    ] as const;
    const header = (value: string | (() => string)) =>
      typeof value === 'string' ? value : value();

    it.each(['/health/live', '/health/ready', '/health/startup'])(
      'lets %s answer whatever Authorization header comes with it',
      async (path) => {
        for (const [, value] of invalid) await get(path, header(value)).expect(200);
      },
    );

    it.each(invalid)('still refuses details with %s (401)', async (_, value) => {
      await get('/health/details', header(value)).expect(401);
    });
  });

  describe('on @Public() routes', () => {
    it('answers whatever Authorization header comes, and never sets request.user', async () => {
      const valid = await tokens.mint({ subject: 'alice', roles: ['admin'] });
      const expired = `Bearer ${sign({ roles: [] }, { expiresIn: -10 })}`;
      for (const header of [undefined, `Bearer ${valid}`, expired, 'Bearer not-a-jwt', 'Basic x']) {
        await get('/metrics', header).expect(200, { user: null });
      }
    });

    it("opens a whole controller, except a handler's own @Roles", async () => {
      await get('/scrape', 'Bearer not-a-jwt').expect(200, { ok: true });
      await get('/scrape/locked').expect(401);
      const admin = await tokens.mint({ subject: 'alice', roles: ['admin'] });
      await get('/scrape/locked', `Bearer ${admin}`).expect(200);
    });

    it('opens a handler of a @Roles controller, but @Roles wins beside it (fail closed)', async () => {
      await get('/ops-open', 'Bearer not-a-jwt').expect(200, { ok: true });
      await get('/ops-open/both').expect(401);
      await get('/ops-open/both', 'Bearer not-a-jwt').expect(401);
    });
  });

  it('lets an anonymous request through without a user', async () => {
    await get('/whoami').expect(200, { user: null });
  });

  it('sets request.user from a valid bearer token', async () => {
    const token = await tokens.mint({ subject: 'alice', roles: ['admin'] });
    await get('/whoami', `Bearer ${token}`).expect(200, {
      user: { id: 'alice', roles: ['admin'] },
    });
  });

  it.each([
    ['an expired token', () => `Bearer ${sign({ roles: [] }, { expiresIn: -10 })}`],
    ['a bad signature', () => `Bearer ${sign({ roles: [] }, {}, 'o'.repeat(32))}`],
    ['a wrong issuer', () => `Bearer ${sign({ roles: [] }, { issuer: 'elsewhere' })}`],
    ['a roles claim that is not an array', () => `Bearer ${sign({ roles: 'admin' })}`],
    ['a non-Bearer scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a bare token', () => sign({ roles: [] })],
    ['a Bearer header without a token', () => 'Bearer '],
    ['a malformed token', () => 'Bearer not.a.jwt'],
  ])('answers 401 for %s, without echoing it', async (_case, header) => {
    const response = await get('/whoami', header()).expect(401);
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: INVALID_BEARER_TOKEN,
    });
  });

  it('answers 401 on a @Roles route for an anonymous caller', async () => {
    const response = await get('/admin').expect(401);
    expect(response.body.message).toBe(AUTHENTICATION_REQUIRED);
  });

  it('answers 403 on a @Roles route for a caller without the role', async () => {
    const token = await tokens.mint({ subject: 'bob', roles: ['viewer'] });
    const response = await get('/admin', `Bearer ${token}`).expect(403);
    expect(response.body.message).toBe(MISSING_ROLE(['admin']));
  });

  it('lets a caller holding one of the roles through', async () => {
    const token = await tokens.mint({ subject: 'carol', roles: ['viewer', 'admin'] });
    await get('/admin', `Bearer ${token}`).expect(200, { ok: true });
  });

  it("applies a controller's @Roles, overridden by a handler's", async () => {
    const ops = await tokens.mint({ subject: 'dan', roles: ['ops'] });
    const auditor = await tokens.mint({ subject: 'eve', roles: ['auditor'] });
    await get('/ops').expect(401);
    await get('/ops', `Bearer ${ops}`).expect(200);
    await get('/ops', `Bearer ${auditor}`).expect(403);
    await get('/ops/audit', `Bearer ${auditor}`).expect(200);
    await get('/ops/audit', `Bearer ${ops}`).expect(403);
  });
});

describe('JwtAuthGuard outside HTTP', () => {
  it('lets non-http contexts through without reading a request', async () => {
    const verify = jest.fn();
    const guard = new JwtAuthGuard({ verify } as unknown as TokenService, new Reflector());
    const switchToHttp = jest.fn();
    const context = { getType: () => 'rpc', switchToHttp } as unknown as ExecutionContext;
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(switchToHttp).not.toHaveBeenCalled();
    expect(verify).not.toHaveBeenCalled();
  });
});
