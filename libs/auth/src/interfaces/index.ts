export * from './authenticated-user.interface';
export * from './mint-token-options.interface';
