import { type INestApplication, Logger } from '@nestjs/common';
import { AppModule } from '../src/app.module';
import { ADAPTERS, bootstrap } from '../src/test-app.util';

describe.each(ADAPTERS)('startup report (%s)', (adapter) => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
    jest.restoreAllMocks();
  });

  it('logs one table of the discovered checks, once', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    app = await bootstrap(adapter, AppModule.registerHealthy());
    await app.init();
    const tables = log.mock.calls
      .map(([message]) => String(message))
      .filter((message) => message.includes('health checks discovered'));
    expect(tables).toHaveLength(1);
    const [title, ...rows] = tables[0].split('\n');
    expect(title).toBe('3 health checks discovered:');
    expect(rows[0]).toMatch(/^check\s+probes\s+critical\s+ttl\s+timeout\s+refresh\s+thresholds$/);
    expect(
      rows
        .slice(1)
        .map((row) => row.split(/\s+/)[0])
        .sort(),
    ).toEqual(['HealthyHealth.ping', 'LivenessHealth.eventLoop', 'StartupHealth.migrations']);
  });
});
