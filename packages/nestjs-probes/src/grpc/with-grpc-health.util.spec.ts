import { loadSync } from '@grpc/proto-loader';
import { Transport } from '@nestjs/microservices';
import { HealthConfigurationError } from '../errors';
import { GRPC_HEALTH_PACKAGE, GRPC_HEALTH_PROTO_PATH } from './grpc-health.constants';
import { INVALID_GRPC_SERVER_OPTIONS } from './grpc.messages';
import { type GrpcHealthServerOptions, withGrpcHealth } from './with-grpc-health.util';

describe('withGrpcHealth', () => {
  it('adds the health package and proto to a server that has none', () => {
    expect(
      withGrpcHealth({ transport: Transport.GRPC, options: { url: '0.0.0.0:50051' } }),
    ).toEqual({
      transport: Transport.GRPC,
      options: {
        url: '0.0.0.0:50051',
        package: [GRPC_HEALTH_PACKAGE],
        protoPath: [GRPC_HEALTH_PROTO_PATH],
      },
    });
  });

  it("keeps the app's own packages and protos first, and every other option", () => {
    const loader = { keepCase: true };
    const given: GrpcHealthServerOptions = {
      transport: Transport.GRPC,
      options: {
        package: 'orders',
        protoPath: '/app/orders.proto',
        loader,
        gracefulShutdown: true,
      },
    };
    const copy = structuredClone(given);
    expect(withGrpcHealth(given).options).toEqual({
      package: ['orders', GRPC_HEALTH_PACKAGE],
      protoPath: ['/app/orders.proto', GRPC_HEALTH_PROTO_PATH],
      loader,
      gracefulShutdown: true,
    });
    expect(given).toEqual(copy);
  });

  it('adds nothing twice when called twice', () => {
    const once = withGrpcHealth({ options: { package: ['a', 'b'], protoPath: ['/a.proto'] } });
    const twice = withGrpcHealth(once as GrpcHealthServerOptions);
    expect(twice.options.package).toEqual(['a', 'b', GRPC_HEALTH_PACKAGE]);
    expect(twice.options.protoPath).toEqual(['/a.proto', GRPC_HEALTH_PROTO_PATH]);
  });

  it('merges the health definition into a packageDefinition, since Nest takes no protoPath then', () => {
    const own = { 'orders.Orders': { fake: true } };
    const { options } = withGrpcHealth({ options: { package: 'orders', packageDefinition: own } });
    expect(options.protoPath).toBeUndefined();
    expect(Object.keys(options.packageDefinition).sort()).toEqual(
      [...Object.keys(loadSync(GRPC_HEALTH_PROTO_PATH)), 'orders.Orders'].sort(),
    );
    expect(options.packageDefinition['orders.Orders']).toBe(own['orders.Orders']);
  });

  it('ships a proto with Check, Watch and List', () => {
    const service = loadSync(GRPC_HEALTH_PROTO_PATH)['grpc.health.v1.Health'] as Record<
      string,
      { responseStream: boolean }
    >;
    expect(Object.keys(service).sort()).toEqual(['Check', 'List', 'Watch']);
    expect(service.Watch.responseStream).toBe(true);
  });

  it.each([undefined, null, 'localhost:50051', {}, { options: 'x' }])(
    'throws a HealthConfigurationError for %p',
    (given) => {
      expect(() => withGrpcHealth(given as never)).toThrow(
        new HealthConfigurationError(INVALID_GRPC_SERVER_OPTIONS(given)),
      );
    },
  );
});
