import { Module } from '@nestjs/common';
import { HealthModule } from 'nestjs-probes';
import request from 'supertest';
import { HEALTH_MODULE_IMPORTED_TWICE } from '../../src/health.messages';
import { HealthyHealth } from '../src/healthy.health';
import { ADAPTERS, bootstrap, expectConfigurationError } from '../src/test-app.util';

@Module({ imports: [HealthModule.forRoot({ path: 'orders-health' })] })
class OrdersModule {}

@Module({})
class RootModule {}

describe('one HealthModule per application', () => {
  it.each([
    ['two paths', { path: 'health' }, { path: 'other' }],
    ['one path', { path: 'health' }, { path: 'health', probeTimeout: 1000 }],
    ['identical options', { path: 'health' }, { path: 'health' }],
  ])(
    'fails at bootstrap on two forRoot() calls (%s), naming the importers',
    async (_case, first, second) => {
      @Module({ imports: [HealthModule.forRoot(second)] })
      class BillingModule {}
      await expectConfigurationError(
        {
          module: RootModule,
          imports: [HealthModule.forRoot(first), BillingModule],
          providers: [HealthyHealth],
        },
        HEALTH_MODULE_IMPORTED_TWICE(2, ['RootModule', 'BillingModule']),
      );
    },
  );

  it('fails for a forRoot() in a feature module beside the root one', async () => {
    await expectConfigurationError(
      { module: RootModule, imports: [HealthModule.forRoot(), OrdersModule] },
      HEALTH_MODULE_IMPORTED_TWICE(2, ['RootModule', 'OrdersModule']),
    );
  });

  it.each(ADAPTERS)(
    'accepts one forRoot() definition imported by two modules (%s)',
    async (adapter) => {
      const health = HealthModule.forRoot({ path: 'health' });
      @Module({ imports: [health] })
      class FeatureModule {}
      const app = await bootstrap(adapter, {
        module: RootModule,
        imports: [health, FeatureModule],
        providers: [HealthyHealth],
      });
      try {
        await request(app.getHttpServer()).get('/health/ready').expect(200);
      } finally {
        await app.close();
      }
    },
  );
});
