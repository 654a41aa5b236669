// The bench's helpers for Nest apps written without a TypeScript compiler, plus what the
// replica's controller needs beside them.
export { decorateClass, decorateMethod, injectTypes } from '../../bench/support/decorate.helpers.mjs';

/** What `emitDecoratorMetadata` records for a method's parameters (pipes read it). */
export function paramTypes(cls, key, ...types) {
  Reflect.defineMetadata('design:paramtypes', types, cls.prototype, key);
}
