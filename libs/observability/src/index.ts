export * from './http-metrics';
export * from './logger';
export * from './pipeline-metrics';
