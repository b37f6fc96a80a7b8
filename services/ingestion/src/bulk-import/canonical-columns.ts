import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ColumnMapping } from './column-mapping';

/**
 * The CSV columns the importer understands without `--mapping`: FeedbackSubmission paths written with dots,
 * e.g. `externalId,channel,occurredAt,text,scores.nps,customer.id,touchpoint.journey`. Numbers are converted
 * (an integer score stays an integer); `attributes.<name>` and `details.<name>` take any name.
 */
const STRING_FIELDS = [
  'externalId', 'channel', 'occurredAt', 'text', 'title', 'languageHint', 'product', 'location',
  'customer.id', 'customer.segment', 'customer.tier', 'customer.locale', 'touchpoint.journey', 'touchpoint.step',
  'survey.surveyId', 'survey.questionId', 'survey.comment', 'review.title', 'review.text', 'review.site',
  'supportTicket.subject', 'supportTicket.body', 'supportTicket.status', 'supportTicket.priority', 'supportTicket.agent',
  'social.post', 'social.handle', 'social.network', 'employee.comment',
];
const INT_FIELDS = [
  'scores.nps', 'scores.csat', 'scores.ces', 'scores.rating', 'scores.enps',
  'survey.nps', 'survey.csat', 'survey.ces', 'review.rating', 'employee.enps',
];
const NUMBER_FIELDS = ['customer.annualValue'];
const FREE_PREFIXES = ['attributes.', 'details.'];
/** Without these the API rejects every line, so a CSV lacking them is not taken as canonical. */
const REQUIRED = ['externalId', 'channel', 'occurredAt'];

const TYPE_OF = new Map<string, string>([
  ...STRING_FIELDS.map((f) => [f, 'string'] as const),
  ...INT_FIELDS.map((f) => [f, 'int'] as const),
  ...NUMBER_FIELDS.map((f) => [f, 'number'] as const),
]);

export type DefaultMapping = { mapping: ColumnMapping } | { problem: string };

/** The identity mapping for a header of canonical column names, or why the header needs `--mapping`. */
export function defaultCsvMapping(header: string[]): DefaultMapping {
  const unknown = header.filter((c) => !TYPE_OF.has(c) && !FREE_PREFIXES.some((p) => c.startsWith(p) && c.length > p.length));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      unknown.length > 0 ? `unknown columns: ${unknown.join(', ')}` : '',
      missing.length > 0 ? `missing columns: ${missing.join(', ')}` : '',
    ].filter(Boolean);
    return { problem: `the CSV header is not the canonical column names (${parts.join('; ')}); pass --mapping <mapping.json> (see --help)` };
  }
  const mapping: ColumnMapping = {};
  for (const column of header) {
    const type = TYPE_OF.get(column) ?? 'string';
    // The mapping syntax reads "column:type", so the column name keeps its dots and gets the type after a colon.
    mapping[column] = type === 'string' ? column : `${column}:${type}`;
  }
  return { mapping };
}

export const CANONICAL_COLUMNS = { strings: STRING_FIELDS, integers: INT_FIELDS, numbers: NUMBER_FIELDS, freePrefixes: FREE_PREFIXES, required: REQUIRED };

/** The header row of a CSV file (its first line; BOM removed), read without loading the file. */
export function readCsvHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    const end = text.search(/\r?\n/);
    const rows = parse(end === -1 ? text : text.slice(0, end), { bom: true }) as string[][];
    return rows[0] ?? [];
  } finally {
    closeSync(fd);
  }
}
