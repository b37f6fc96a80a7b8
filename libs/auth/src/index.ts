export * from './api-key';
export * from './api-key.repository';
export * from './presented-key';
export * from './tenant.guard';
