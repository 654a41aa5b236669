import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DEV_ADMIN_ROLES, DEV_ADMIN_SUBJECT } from './auth.constants';
import { DEV_ADMIN_TOKEN, EPHEMERAL_JWT_SECRET } from './auth.messages';
import { createJwtModuleOptions, readAuthEnv } from './auth.providers';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenService } from './token.service';

/**
 * JWT bearer authentication for the whole app: registers `JwtAuthGuard` globally and exports
 * `TokenService`. Reads `JWT_SECRET` (32+ characters; a random per-run key when unset) and
 * `JWT_ISSUER` through the global `ConfigService`. Import it once, in the root module.
 *
 * @publicApi
 */
@Module({
  imports: [
    JwtModule.registerAsync({ inject: [ConfigService], useFactory: createJwtModuleOptions }),
  ],
  providers: [TokenService, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [TokenService],
})
export class AuthModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly config: ConfigService,
    private readonly tokens: TokenService,
  ) {}

  /** Without `JWT_SECRET` nobody else can mint a token, so hand the developer one. */
  async onApplicationBootstrap(): Promise<void> {
    if (readAuthEnv((key) => this.config.get(key)).secret !== undefined) return;
    this.logger.warn(EPHEMERAL_JWT_SECRET);
    const token = await this.tokens.mint({
      subject: DEV_ADMIN_SUBJECT,
      roles: [...DEV_ADMIN_ROLES],
      expiresIn: '1h',
    });
    this.logger.log(DEV_ADMIN_TOKEN(token));
  }
}
