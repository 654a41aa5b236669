export * from './health-check-options.interface';
export * from './health-module-options.interface';
export * from './health-report.interface';
export * from './ready-made-check-options.interface';
