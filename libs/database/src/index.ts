export * from './database.module';
export * from './database-options.factory';
export * from './database-target.util';
export * from './migrations.runner';
export * from './database-unavailable.filter';
export * from './database-unavailable.util';
