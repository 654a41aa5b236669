export * from './health-check.decorator';
