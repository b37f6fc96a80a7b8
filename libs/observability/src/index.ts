export * from './http-metrics';
export * from './logger';
export * from './pipeline-metrics';
export * from './scrape-samplers';
export * from './store-samplers';
export * from './tracing';
