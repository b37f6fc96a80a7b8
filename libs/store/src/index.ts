export * from './bulk-insert';
export * from './data-source';
export * from './entities/reporting.entities';
export * from './migrate';
