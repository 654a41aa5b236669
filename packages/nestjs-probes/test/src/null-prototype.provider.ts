import { type Provider } from '@nestjs/common';

export const NULL_PROTOTYPE = 'NULL_PROTOTYPE';

/** A value with no prototype at all: discovery must step over it. */
export const nullPrototypeProvider: Provider = {
  provide: NULL_PROTOTYPE,
  useValue: Object.create(null),
};
