// Nest apps written without a TypeScript compiler: decorators are applied with Reflect.decorate.
import 'reflect-metadata';

export function decorateClass(cls, ...decorators) {
  return Reflect.decorate(decorators, cls);
}

export function decorateMethod(cls, key, ...decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, key);
  const result = Reflect.decorate(decorators, cls.prototype, key, descriptor);
  Object.defineProperty(cls.prototype, key, result ?? descriptor);
}

/** What `emitDecoratorMetadata` would record: the constructor's parameter types, for injection. */
export function injectTypes(cls, ...types) {
  Reflect.defineMetadata('design:paramtypes', types, cls);
}
