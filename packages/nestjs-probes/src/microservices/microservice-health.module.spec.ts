import { type FactoryProvider } from '@nestjs/common';
import { ReplaySubject } from 'rxjs';
import { HealthConfigurationError } from '../errors';
import { EXPECTED } from '../options/option.validators';
import { INVALID_READY_MADE_OPTION } from '../ready-made/ready-made.messages';
import { type MicroserviceHealthCheck } from './microservice-health.check';
import { type MicroserviceHealthOptions } from './microservice-health-options.interface';
import { MicroserviceHealthModule } from './microservice-health.module';
import { supportedClasses } from './microservice-transport.util';
import { EXPECTED_SUPPORTED, ONE_OF_CLIENT_OR_SERVER } from './microservices.messages';

const ORDERS = 'ORDERS_CLIENT';

/** Stands for the Nest class of that name: the check reads classes by name. */
function instanceOf(className: string): object {
  const Nest = {
    [className]: class {
      status = new ReplaySubject<string>(1).asObservable();
      unwrap(): never {
        throw new Error('Not initialized');
      }
    },
  }[className];
  return new Nest();
}

function instantiate(options: MicroserviceHealthOptions, instance: unknown) {
  const provider = MicroserviceHealthModule.register(options).providers![1] as FactoryProvider;
  return provider.useFactory(options, instance) as MicroserviceHealthCheck;
}

function errorOf(options: MicroserviceHealthOptions, instance: unknown): unknown {
  try {
    instantiate(options, instance);
  } catch (error) {
    return error;
  }
  throw new Error('expected a configuration error');
}

const invalid = (option: string, expected: string, actual: unknown) =>
  new HealthConfigurationError(
    INVALID_READY_MADE_OPTION(
      'MicroserviceHealthModule',
      'MicroserviceHealthCheck',
      option,
      expected,
      actual,
    ),
  );

describe('MicroserviceHealthModule.register', () => {
  it('injects a client by its token and reads its transport', () => {
    const module = MicroserviceHealthModule.register({ client: ORDERS });
    expect((module.providers![1] as FactoryProvider).inject).toEqual([
      'HEALTH:READY_MADE_OPTIONS',
      ORDERS,
    ]);
    const check = instantiate({ client: ORDERS, degradedAboveMs: 50 }, instanceOf('ClientRMQ'));
    expect(check['options']).toEqual({
      endpoint: { transport: 'RabbitMQ', role: 'client' },
      degradedAboveMs: 50,
    });
  });

  it('injects a server by its token', () => {
    const module = MicroserviceHealthModule.register({ server: 'ORDERS_SERVER' });
    expect((module.providers![1] as FactoryProvider).inject).toContain('ORDERS_SERVER');
    const check = instantiate({ server: 'ORDERS_SERVER' }, instanceOf('ServerNats'));
    expect(check['options'].endpoint).toEqual({ transport: 'NATS', role: 'server' });
  });

  it.each([
    ['neither client nor server', {}],
    ['both', { client: ORDERS, server: 'ORDERS_SERVER' }],
  ])('fails at bootstrap given %s', (_, options) => {
    expect(errorOf(options, instanceOf('ClientNats'))).toEqual(
      invalid('client', ONE_OF_CLIENT_OR_SERVER, (options as MicroserviceHealthOptions).client),
    );
  });

  it.each([
    ['a Kafka client', instanceOf('ClientKafka'), 'an instance of ClientKafka'],
    ['a server', instanceOf('ServerNats'), 'an instance of ServerNats'],
    ['an ioredis client', { status: 'ready', ping: () => 'PONG' }, 'an instance of Object'],
    ['nothing', undefined, undefined],
  ])('fails at bootstrap, naming what it got, for a client option given %s', (_, instance, got) => {
    expect(errorOf({ client: ORDERS }, instance)).toEqual(
      invalid('client', EXPECTED_SUPPORTED('client', supportedClasses('client')), got),
    );
  });

  it('fails at bootstrap for a server option given a client', () => {
    expect(errorOf({ server: ORDERS }, instanceOf('ClientMqtt'))).toEqual(
      invalid(
        'server',
        EXPECTED_SUPPORTED('server', supportedClasses('server')),
        'an instance of ClientMqtt',
      ),
    );
  });

  it('fails at bootstrap on a bad degradedAboveMs', () => {
    expect(errorOf({ client: ORDERS, degradedAboveMs: -1 }, instanceOf('ClientNats'))).toEqual(
      invalid('degradedAboveMs', EXPECTED.positiveDuration, -1),
    );
  });
});
