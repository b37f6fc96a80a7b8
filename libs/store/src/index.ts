export * from './data-source';
export * from './migrate';
export * from './tables/insert-rows';
export * from './tables/table';
export * from './maintenance/partitioned-tables';
export * from './maintenance/partition-maintenance';
export * from './maintenance/retention-purge';
export * from './tables/table-owners';
