import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { HealthModule } from 'nestjs-probes';
import { GreetingController } from './greeting/greeting.controller';
import { GreetingService } from './greeting/greeting.service';
import { WarmupService } from './warmup/warmup.service';

@Module({
  imports: [
    AuthModule,
    HealthModule.forRootAsync({
      useFactory: () => ({
        defaults: { ttl: Number(process.env.HEALTH_TTL_MS ?? 5000), timeout: 2000 },
        details: { roles: ['admin'] },
      }),
    }),
  ],
  controllers: [GreetingController],
  providers: [GreetingService, WarmupService],
})
export class AppModule {}
