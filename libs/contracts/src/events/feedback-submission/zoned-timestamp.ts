/**
 * A date-time with an explicit offset. ISO 8601 also allows a local time without one (and a space for
 * the `T`), which the server would read in its own time zone: the same item would land on a different
 * instant depending on where ingestion runs.
 */
export const ZONED_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
