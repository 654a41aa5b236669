export * from './admin-token';
export * from './auth.constants';
export * from './auth.module';
export * from './bearer-auth.guard';
