import { type INestApplication } from '@nestjs/common';
import { get, type IncomingMessage } from 'node:http';
import { AppModule } from '../src/app.module';
import { TEST_ROLES_HEADER } from '../src/fake-auth.guard';
import { FlappingHealth } from '../src/flapping.health';
import { ADAPTERS, bootstrap, probe, sleep } from '../src/test-app.util';

describe.each(ADAPTERS)('GET /health/events (%s)', (adapter) => {
  let app: INestApplication;
  let base: string;

  beforeEach(async () => {
    app = await bootstrap(adapter, AppModule.registerChecks([FlappingHealth]));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterEach(async () => {
    await app?.close();
  });

  const open = (roles?: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const headers = roles === undefined ? {} : { [TEST_ROLES_HEADER]: roles };
      get(`${base}/health/events`, { headers }, resolve).on('error', reject);
    });

  it('streams each transition to an admin as it happens, and ends at shutdown', async () => {
    expect((await probe(app, '/health/ready')).status).toBe(200);
    const response = await open('admin');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    let received = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => response.on('close', () => resolve()));

    app.get(FlappingHealth).state = 'down';
    await probe(app, '/health/ready');
    for (let i = 0; i < 50 && !received.includes('"current":"down"'); i++) await sleep(10);

    const events = received
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => JSON.parse(block.slice(block.indexOf('data:') + 5)));
    expect(received).toContain('event: change');
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'check',
        name: 'FlappingHealth.dependency',
        previous: 'up',
        current: 'down',
        error: 'dependency unreachable',
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'probe',
        name: 'readiness',
        previous: 'up',
        current: 'down',
      }),
    );
    await app.close();
    await ended;
    app = undefined as unknown as INestApplication;
  });

  it('refuses anonymous callers (401) and callers without the role (403)', async () => {
    const anonymous = await open();
    anonymous.resume();
    expect(anonymous.statusCode).toBe(401);
    const viewer = await open('viewer');
    viewer.resume();
    expect(viewer.statusCode).toBe(403);
  });
});
