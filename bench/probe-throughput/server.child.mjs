// The server process of one adapter:
// `node bench/probe-throughput/server.child.mjs <adapter> <dependencies JSON>`, forked by the
// bench (see ../support/app-server.harness.mjs).
import 'reflect-metadata';
import { serveOverIpc } from '../support/app-server.ipc.mjs';
import { listen } from '../support/nest-app.factory.mjs';
import { runMain } from '../support/process.guards.mjs';
import { createThroughputApp } from './throughput.app.mjs';

runMain(async () => {
  const { app, closeDependencies } = await createThroughputApp(
    process.argv[2],
    JSON.parse(process.argv[3]),
  );
  serveOverIpc(app, await listen(app), { onClose: closeDependencies });
});
