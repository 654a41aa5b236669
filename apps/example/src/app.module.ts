import { AuthModule } from '@app/auth';
import { DatabaseModule } from '@app/database';
import { Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_PIPE } from '@nestjs/core';
import { HealthModule } from 'nestjs-probes';
import { PrometheusHealthModule } from 'nestjs-probes/prometheus';
import { EventLoopHealthModule, MemoryHealthModule } from 'nestjs-probes/system';
import { validateEnvironment } from './config/environment';
import { createHealthOptions } from './config/health-options.factory';
import { MetricsController } from './metrics/metrics.controller';
import { MIGRATIONS } from './migrations';
import { OrdersModule } from './orders/orders.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }),
    AuthModule,
    DatabaseModule.forRoot({ migrations: MIGRATIONS }),
    HealthModule.forRootAsync({ inject: [ConfigService], useFactory: createHealthOptions }),
    // In-process only, so safe in liveness: they never fail it (no down threshold), they explain it.
    EventLoopHealthModule.register({ probe: 'liveness', timeout: 200 }),
    MemoryHealthModule.register({ critical: false, timeout: 200 }),
    // The health metrics, in prom-client's default registry: served by MetricsController.
    PrometheusHealthModule.register(),
    OrdersModule,
  ],
  controllers: [MetricsController],
  providers: [
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
      }),
    },
  ],
})
export class AppModule {}
