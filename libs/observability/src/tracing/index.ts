export * from './trace-log-fields';
export * from './tracing';
export * from './tracing-config';
