export * from './bootstrap';
export * from './consumer-host';
export * from './platform.module';
export * from './tokens';
export * from './http/untrusted-input';
