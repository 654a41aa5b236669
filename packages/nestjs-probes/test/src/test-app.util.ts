import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { HealthConfigurationError } from 'nestjs-probes';
import request from 'supertest';
import { TEST_ROLES_HEADER } from './fake-auth.guard';

export type AdapterName = 'express' | 'fastify';

/** For `describe.each`: every HTTP spec runs once per adapter. */
export const ADAPTERS: readonly AdapterName[] = ['express', 'fastify'];

/** Compiles `module` into an application on `adapter`, not yet initialised. */
export async function createApp(
  adapter: AdapterName,
  module: DynamicModule,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [module],
  }).compile();
  return adapter === 'fastify'
    ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
    : moduleRef.createNestApplication({ logger: false });
}

/** `app.init()` (so every lifecycle hook fires), then Fastify's `ready()` so its routes answer. */
export async function initApp(app: INestApplication): Promise<INestApplication> {
  await app.init();
  await readyIfFastify(app);
  return app;
}

export async function readyIfFastify(app: INestApplication): Promise<void> {
  if (app.getHttpAdapter().getType() === 'fastify')
    await app.getHttpAdapter().getInstance().ready();
}

export async function bootstrap(
  adapter: AdapterName,
  module: DynamicModule,
): Promise<INestApplication> {
  return initApp(await createApp(adapter, module));
}

/** `GET path`, as a caller holding `roles` (comma-separated) when given. */
export function probe(app: INestApplication, path: string, roles?: string): request.Test {
  const test = request(app.getHttpServer()).get(path);
  return roles === undefined ? test : test.set(TEST_ROLES_HEADER, roles);
}

/** Compiles and initialises `module`; resolves with what was thrown, or fails the test. */
export async function bootstrapError(module: DynamicModule): Promise<unknown> {
  try {
    const app = await bootstrap('express', module);
    await app.close();
  } catch (error) {
    return error;
  }
  throw new Error('expected the application to fail bootstrapping');
}

/** Bootstrapping `module` fails with a `HealthConfigurationError` saying `message`. */
export async function expectConfigurationError(
  module: DynamicModule,
  message: string,
): Promise<void> {
  const error = await bootstrapError(module);
  expect(error).toBeInstanceOf(HealthConfigurationError);
  expect(error).toMatchObject({ code: 'HEALTH_ERR_CONFIG', message });
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The real `process`. Jest hands each test file a copy of it, on which Node never emits
 * `unhandledRejection`; a function built by the host realm's `Function` sees the real global.
 */
export function hostProcess(): NodeJS.Process {
  const HostFunction = setTimeout.constructor as FunctionConstructor;
  return new HostFunction('return process')() as NodeJS.Process;
}

/**
 * Fails each test of the enclosing `describe` in which a rejection went unhandled. Call it after
 * the `afterEach` that closes the app: Jest runs `afterEach` hooks in the order they were declared,
 * so the check then also sees rejections raised while closing.
 */
export function failOnUnhandledRejections(): void {
  let unhandledRejection: jest.Mock;
  beforeEach(() => {
    unhandledRejection = jest.fn();
    hostProcess().on('unhandledRejection', unhandledRejection);
  });
  afterEach(() => {
    hostProcess().off('unhandledRejection', unhandledRejection);
    expect(unhandledRejection).not.toHaveBeenCalled();
  });
}
