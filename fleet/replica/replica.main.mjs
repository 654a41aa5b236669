#!/usr/bin/env node
/**
 * One replica (one "container" of the fleet): a Nest app (Express) on 127.0.0.1:FLEET_PORT, OUR
 * side or the CONTROL (FLEET_SIDE), on the fleet's PostgreSQL. Started, killed and restarted by
 * the fleet's kubelet (fleet/kubelet/pod.supervisor.mjs); SIGTERM closes it gracefully, as a
 * container runtime's stop does.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { controlModule } from './control.module.mjs';
import { oursModule } from './ours.module.mjs';
import { readReplicaEnv } from './replica.env.mjs';

const env = readReplicaEnv();
const AppModule = env.side === 'ours' ? oursModule(env) : controlModule(env);
const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
await app.listen(env.port, '127.0.0.1');
