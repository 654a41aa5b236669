import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';

const ADMIN = 'example-e2e-admin-token';

describe('example app', () => {
  let app: INestApplication;

  beforeEach(async () => {
    process.env.ADMIN_TOKEN = ADMIN;
    process.env.WARMUP_MS = '150';
    process.env.HEALTH_TTL_MS = '0';
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterEach(async () => {
    await app.close();
    delete process.env.ADMIN_TOKEN;
    delete process.env.WARMUP_MS;
    delete process.env.HEALTH_TTL_MS;
  });

  const waitForStartup = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await request(app.getHttpServer()).get('/health/startup');
      if (response.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('startup probe never opened');
  };

  it('keeps startup and readiness at 503 until the warm-up is done, liveness at 200 throughout', async () => {
    const server = app.getHttpServer();
    await request(server).get('/health/startup').expect(503, { status: 'down' });
    await request(server).get('/health/ready').expect(503, { status: 'down' });
    await request(server).get('/health/live').expect(200, { status: 'up' });
    await waitForStartup();
    await request(server).get('/health/ready').expect(200, { status: 'up' });
  });

  it('serves greetings and rejects bad input with a 4xx', async () => {
    await waitForStartup();
    const server = app.getHttpServer();
    await request(server)
      .get('/greetings?name=Ada&lang=fr')
      .expect(200, { message: 'Bonjour, Ada !' });
    await request(server).get('/greetings').expect(400);
    await request(server).get('/greetings?name=Ada&lang=xx').expect(404);
  });

  it('shows details only to a caller with the admin token', async () => {
    await waitForStartup();
    const server = app.getHttpServer();
    await request(server).get('/health/details').expect(401);
    await request(server).get('/health/details').set('Authorization', 'Bearer wrong').expect(401);
    const response = await request(server)
      .get('/health/details')
      .set('Authorization', `Bearer ${ADMIN}`)
      .expect(200);
    expect(response.body.status).toBe('up');
    expect(Object.keys(response.body.checks).sort()).toEqual(['event-loop', 'greetings', 'warmup']);
    expect(response.body.checks.warmup).toMatchObject({ status: 'up', probes: ['startup'] });
  });
});
