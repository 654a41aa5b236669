import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ADMIN_TOKEN } from './auth.constants';
import { resolveAdminToken } from './admin-token';
import { BearerAuthGuard } from './bearer-auth.guard';

@Module({
  providers: [
    {
      provide: ADMIN_TOKEN,
      useFactory: () => {
        const { token, generated } = resolveAdminToken();
        if (generated) {
          new Logger('Auth').log(`ADMIN_TOKEN not set; this run's admin token is: ${token}`);
        }
        return token;
      },
    },
    { provide: APP_GUARD, useClass: BearerAuthGuard },
  ],
})
export class AuthModule {}
