export * from './logger';
export * from './pipeline-metrics';
