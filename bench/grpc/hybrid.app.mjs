// The server process of the gRPC bench: `node bench/grpc/hybrid.app.mjs <adapter> <grpcPort>`,
// forked by check-latency.bench.mjs. One hybrid app serving both probes from the same checks.
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { serveOverIpc } from '../support/app-server.ipc.mjs';
import { decorateClass, decorateMethod } from '../support/decorate.helpers.mjs';
import { HOST } from '../support/bench.config.mjs';
import { createApp, listen } from '../support/nest-app.factory.mjs';
import { loadNest } from '../support/nest.loader.mjs';
import { runMain } from '../support/process.guards.mjs';

const require = createRequire(import.meta.url);

runMain(async () => {
  const [adapter, grpcPort] = process.argv.slice(2);
  const { common, core, probes } = await loadNest();
  const { Transport } = await import('@nestjs/microservices');
  const { GrpcHealthModule, withGrpcHealth } = require('nestjs-probes/grpc');
  const counter = { runs: 0 };
  // A readiness check whose result stays fresh for the whole run: each probe runs nothing.
  class FreshCheck {
    dependency() {
      counter.runs += 1;
    }
  }
  decorateMethod(
    FreshCheck,
    'dependency',
    probes.HealthCheck({ name: 'dependency', ttl: 3_600_000 }),
  );
  decorateClass(FreshCheck, common.Injectable());
  class AppModule {}
  decorateClass(
    AppModule,
    common.Module({
      imports: [probes.HealthModule.forRoot(), GrpcHealthModule.register()],
      providers: [FreshCheck],
    }),
  );
  const app = await createApp(core, AppModule, adapter);
  app.connectMicroservice(
    withGrpcHealth({ transport: Transport.GRPC, options: { url: `${HOST}:${grpcPort}` } }),
  );
  await app.startAllMicroservices();
  const port = await listen(app);
  process.on('message', (message) => {
    if (message === 'runs') process.send({ type: 'runs', runs: counter.runs });
  });
  serveOverIpc(app, port);
});
