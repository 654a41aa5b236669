import { type INestApplication } from '@nestjs/common';
import { type HealthModuleAsyncOptions, type HealthModuleOptions } from 'nestjs-probes';
import { AppModule } from '../src/app.module';
import {
  CONFIGURED_OPTIONS,
  HealthConfigModule,
  HealthConfigService,
  HealthPathConfig,
} from '../src/health-config.module';
import { ADAPTERS, bootstrap, probe } from '../src/test-app.util';

const ASYNC_STYLES: Array<[string, HealthModuleAsyncOptions]> = [
  [
    'useFactory + inject + imports',
    {
      imports: [HealthConfigModule],
      inject: [HealthConfigService],
      useFactory: (config: HealthConfigService) => config.createHealthOptions(),
    },
  ],
  ['useClass', { useClass: HealthConfigService }],
  ['useExisting', { imports: [HealthConfigModule], useExisting: HealthConfigService }],
];

describe.each(ADAPTERS)('module options (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  describe.each(ASYNC_STYLES)('forRootAsync with %s', (_style, asyncOptions) => {
    beforeEach(async () => {
      app = await bootstrap(adapter, AppModule.registerAsync(asyncOptions));
    });

    it('applies defaults from the factory (critical: false turns a failure into degraded)', async () => {
      const res = await probe(app, '/health/ready');
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"status":"degraded"}');
    });

    it('applies details options and version from the factory', async () => {
      expect((await probe(app, '/health/details', 'admin')).status).toBe(403);
      const res = await probe(app, '/health/details', 'ops');
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(CONFIGURED_OPTIONS.version);
      expect(res.body.checks['FailingHealth.database'].critical).toBe(false);
    });
  });

  it('mounts forRootAsync({ path, useFactory }) on that path only', async () => {
    app = await bootstrap(
      adapter,
      AppModule.registerAsync({
        path: 'internal/probes',
        useFactory: () => ({}),
      }),
    );
    expect((await probe(app, '/internal/probes/live')).text).toBe('{"status":"up"}');
    expect((await probe(app, '/internal/probes/ready')).status).toBe(503);
    expect((await probe(app, '/health/live')).status).toBe(404);
  });

  it('accepts a factory repeating the path given next to it', async () => {
    app = await bootstrap(
      adapter,
      AppModule.registerAsync({
        path: 'probes',
        // Not an option of the factory's type; a factory written in JavaScript could still return it.
        useFactory: async () => ({ path: '/probes/' }) as HealthModuleOptions,
      }),
    );
    expect((await probe(app, '/probes/live')).status).toBe(200);
  });

  it('mounts the path an async factory returns, from injected configuration', async () => {
    app = await bootstrap(
      adapter,
      AppModule.registerAsync({
        imports: [HealthConfigModule],
        inject: [HealthPathConfig],
        useFactory: async (config: HealthPathConfig) =>
          ({ path: config.healthPath }) as HealthModuleOptions,
      }),
    );
    await probe(app, '/from-config/live').expect(200, { status: 'up' });
    await probe(app, '/from-config/ready').expect(503, { status: 'down' });
    await probe(app, '/from-config/ready/HealthyHealth.ping').expect(200, { status: 'up' });
    await probe(app, '/from-config/details', 'admin').expect(503);
    await probe(app, '/health/live').expect(404);
    await probe(app, '/health/details', 'admin').expect(404);
  });

  it('mounts forRoot({ path }) on that path only', async () => {
    app = await bootstrap(adapter, AppModule.registerHealthy({ path: 'status' }));
    expect((await probe(app, '/status/ready')).text).toBe('{"status":"up"}');
    expect((await probe(app, '/health/ready')).status).toBe(404);
  });

  it('serves two applications with different paths in one process without collision', async () => {
    app = await bootstrap(adapter, AppModule.registerHealthy({ path: 'alpha' }));
    const other = await bootstrap(adapter, AppModule.registerCriticalFailure({ path: 'beta' }));
    try {
      expect((await probe(app, '/alpha/ready')).text).toBe('{"status":"up"}');
      expect((await probe(app, '/beta/ready')).status).toBe(404);
      expect((await probe(other, '/beta/ready')).text).toBe('{"status":"down"}');
      expect((await probe(other, '/alpha/ready')).status).toBe(404);
      expect((await probe(other, '/health/ready')).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
