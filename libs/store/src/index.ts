export * from './bulk-insert';
export * from './data-source';
export * from './entities/reporting.entities';
export * from './migrate';
export * from './maintenance/partitioned-tables';
export * from './maintenance/partition-maintenance';
export * from './maintenance/retention-purge';
