/** The column types the data-access layer binds as arrays (one array parameter per column). */
export type ColumnType =
  | 'uuid'
  | 'text'
  | 'smallint'
  | 'int'
  | 'bigint'
  | 'float8'
  | 'boolean'
  | 'timestamptz'
  | 'jsonb'
  | 'text[]'
  | 'uuid[]';

/**
 * A table as its owning service writes it: every column it writes, with its type, declared once, and the
 * idempotency key (the ON CONFLICT target of every insert). When a key changes (a partition column joins
 * the primary key), the change is this one line.
 */
export interface Table<Row> {
  name: string;
  columns: { readonly [K in keyof Row & string]: ColumnType };
  /** The ON CONFLICT target; empty: any unique index of the table (for partial "one open per ..." indexes). */
  conflictKey: readonly (keyof Row & string)[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Declares a table, checking every name once (names are spliced into SQL: identifiers cannot be bound). */
export function defineTable<Row>(table: Table<Row>): Table<Row> {
  for (const name of [table.name, ...Object.keys(table.columns), ...table.conflictKey]) {
    if (!IDENTIFIER.test(name)) throw new Error(`table ${table.name}: unsafe SQL identifier "${name}"`);
  }
  for (const k of table.conflictKey) {
    if (!(k in table.columns)) throw new Error(`table ${table.name}: conflict key column ${k} is not declared`);
  }
  return table;
}
