export * from './bootstrap';
export * from './consumer-host';
export * from './platform.module';
export * from './tokens';
export * from './http/untrusted-input';
export * from './periodic/periodic-task';
export * from './periodic/periodic-tasks';
