import 'reflect-metadata';
import { describeRedis } from '@app/cache';
import { describeDatabase } from '@app/database';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { type Environment } from './config/environment';
import { connectGrpcHealth, grpcPortOf, withGrpcHealthModule } from './grpc/grpc-health.setup';

async function bootstrap(): Promise<void> {
  // GRPC_PORT set: a hybrid app, with the gRPC health service on 127.0.0.1:GRPC_PORT.
  const grpcPort = grpcPortOf(process.env);
  const root = grpcPort === undefined ? AppModule : await withGrpcHealthModule(AppModule);
  // abortOnError false: a bad configuration exits 1 with its message, not with a core dump.
  const app = await NestFactory.create(root, { abortOnError: false });
  // SIGTERM: readiness 503 at once, serve on for SHUTDOWN_DRAIN_MS, close the listener once
  // in-flight requests are done, close PostgreSQL and Redis, then exit 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  const host = config.get('HOST', { infer: true });
  const grpcUrl = grpcPort === undefined ? undefined : await connectGrpcHealth(app, grpcPort);
  await app.listen(port, host);
  const base = (await app.getUrl()).replace('[::1]', 'localhost');
  const logger = new Logger('Example');
  logger.log(`orders API listening on ${base} (try ${base}/orders)`);
  logger.log(`database: ${describeDatabase(config.get('DATABASE_URL'))}`);
  logger.log(`cache: ${describeRedis(config.get('REDIS_URL'))}`);
  logger.log(
    `probes: ${base}/health/live, /health/ready, /health/startup; /health/details needs an admin bearer token`,
  );
  if (grpcUrl !== undefined) {
    logger.log(
      `gRPC health: grpc.health.v1.Health on ${grpcUrl} (services "", liveness, readiness, startup)`,
    );
  }
  logger.log(
    `metrics: ${base}/metrics (Prometheus text format, no token: keep it inside the cluster)`,
  );
}

bootstrap().catch((error: unknown) => {
  new Logger('Example').error('could not start', error instanceof Error ? error.stack : error);
  process.exit(1);
});
