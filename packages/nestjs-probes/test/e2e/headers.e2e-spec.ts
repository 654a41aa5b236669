import { type INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module';
import { ADAPTERS, bootstrap, probe } from '../src/test-app.util';

interface Case {
  what: string;
  scenario: 'healthy' | 'failing';
  path: string;
  roles?: string;
  status: number;
}

const CASES: Case[] = [
  { what: 'live 200', scenario: 'healthy', path: 'live', status: 200 },
  { what: 'ready 200', scenario: 'healthy', path: 'ready', status: 200 },
  { what: 'ready 503', scenario: 'failing', path: 'ready', status: 503 },
  { what: 'startup 200', scenario: 'healthy', path: 'startup', status: 200 },
  { what: 'details 401', scenario: 'healthy', path: 'details', status: 401 },
  {
    what: 'details 403',
    scenario: 'healthy',
    path: 'details',
    roles: 'viewer',
    status: 403,
  },
  {
    what: 'details 200',
    scenario: 'healthy',
    path: 'details',
    roles: 'admin',
    status: 200,
  },
  {
    what: 'details 503',
    scenario: 'failing',
    path: 'details',
    roles: 'admin',
    status: 503,
  },
];

describe.each(ADAPTERS)('response headers (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  it.each(CASES)('$what is JSON and never cached', async ({ scenario, path, roles, status }) => {
    const module =
      scenario === 'healthy' ? AppModule.registerHealthy() : AppModule.registerCriticalFailure();
    app = await bootstrap(adapter, module);
    const res = await probe(app, `/health/${path}`, roles);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(() => JSON.parse(res.text)).not.toThrow();
  });
});
