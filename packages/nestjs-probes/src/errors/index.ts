export * from './health-check-timeout.error';
export * from './health-configuration.error';
