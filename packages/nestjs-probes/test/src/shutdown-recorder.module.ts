import { type BeforeApplicationShutdown, Injectable, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import request from 'supertest';
import { TEST_ROLES_HEADER } from './fake-auth.guard';

export interface RecordedAnswer {
  status: number;
  text: string;
  body: any;
  contentType?: string;
  cacheControl?: string;
}

/**
 * Calls the probes over HTTP from inside `app.close()`. It lives two modules deep, so Nest runs its
 * `beforeApplicationShutdown` after the (shallower) HealthModule's, while the server still answers.
 */
@Injectable()
export class ShutdownRecorder implements BeforeApplicationShutdown {
  readonly answers = new Map<string, RecordedAnswer>();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.adapterHost.httpAdapter.getHttpServer();
    for (const path of ['/health/ready', '/health/live', '/health/details']) {
      const res = await request(server).get(path).set(TEST_ROLES_HEADER, 'admin');
      this.answers.set(path, {
        status: res.status,
        text: res.text,
        body: res.body,
        contentType: res.headers['content-type'],
        cacheControl: res.headers['cache-control'],
      });
    }
  }
}

@Module({ providers: [ShutdownRecorder] })
class ShutdownRecorderHostModule {}

@Module({ imports: [ShutdownRecorderHostModule] })
export class ShutdownRecorderModule {}
