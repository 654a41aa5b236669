import { type INestApplication, Injectable } from '@nestjs/common';
import { HealthAdminGuard } from 'nestjs-probes';
import { AppModule } from '../src/app.module';
import { HealthyHealth } from '../src/healthy.health';
import { ADAPTERS, bootstrap, probe } from '../src/test-app.util';

/** A subclass through the documented hooks: auditors read details, admins no longer do. */
@Injectable()
class AuditorGuard extends HealthAdminGuard {
  protected override hasRequiredRole(roles: readonly string[]): boolean {
    return roles.includes('auditor');
  }
}

describe.each(ADAPTERS)('adminGuard (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  async function expectAuditorRule() {
    expect((await probe(app, '/health/details', 'auditor')).status).toBe(200);
    expect((await probe(app, '/health/details', 'admin')).status).toBe(403);
    expect((await probe(app, '/health/details')).status).toBe(401);
    expect((await probe(app, '/health/ready')).status).toBe(200);
  }

  it('guards details with the guard given to forRoot', async () => {
    app = await bootstrap(
      adapter,
      AppModule.registerChecks([HealthyHealth], { adminGuard: AuditorGuard }),
    );
    await expectAuditorRule();
  });

  it('guards details with the guard given next to useFactory', async () => {
    app = await bootstrap(
      adapter,
      AppModule.registerAsync({ adminGuard: AuditorGuard, useFactory: () => ({}) }),
    );
    expect((await probe(app, '/health/details', 'auditor')).status).toBe(503);
    expect((await probe(app, '/health/details', 'admin')).status).toBe(403);
  });

  it('keeps HealthAdminGuard by default', async () => {
    app = await bootstrap(adapter, AppModule.registerChecks([HealthyHealth]));
    expect((await probe(app, '/health/details', 'admin')).status).toBe(200);
    expect((await probe(app, '/health/details', 'auditor')).status).toBe(403);
  });
});
