import { Injectable } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';

/** Check names that are also properties of `Object.prototype`: each must stay a check of its own. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString'] as const;

@Injectable()
export class ProtoNamedHealth {
  @HealthCheck({ name: '__proto__' })
  ping(): { name: string } {
    return { name: '__proto__' };
  }
}

@Injectable()
export class ConstructorNamedHealth {
  @HealthCheck({ name: 'constructor' })
  ping(): { name: string } {
    return { name: 'constructor' };
  }
}

@Injectable()
export class ToStringNamedHealth {
  @HealthCheck({ name: 'toString' })
  ping(): { name: string } {
    return { name: 'toString' };
  }
}
