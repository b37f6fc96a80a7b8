export * from './data-source';
export * from './migrate';
export * from './tables/insert-rows';
export * from './tables/table';
export * from './tables/table-owners';
