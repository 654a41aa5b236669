import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(port, host);
  const base = `http://${host}:${port}`;
  new Logger('Example').log(
    `listening on ${base}: try ${base}/greetings?name=Ada, ${base}/health/live, /health/ready, /health/startup, /health/details (Authorization: Bearer <admin token>)`,
  );
}

void bootstrap();
