import { HOST } from './bench.config.mjs';

/** The HTTP adapter named `express` or `fastify`. */
export async function createAdapter(adapter) {
  if (adapter === 'express') {
    const { ExpressAdapter } = await import('@nestjs/platform-express');
    return new ExpressAdapter();
  }
  if (adapter === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    return new FastifyAdapter();
  }
  throw new Error(`unknown adapter ${adapter}`);
}

/** A Nest app without logs, on the named adapter, or on Nest's default (Express) without one. */
export async function createApp(core, AppModule, adapter) {
  if (adapter === undefined) return core.NestFactory.create(AppModule, { logger: false });
  return core.NestFactory.create(AppModule, await createAdapter(adapter), { logger: false });
}

/** Listens on a free loopback port; resolves the port. */
export async function listen(app) {
  await app.listen(0, HOST);
  return app.getHttpServer().address().port;
}
