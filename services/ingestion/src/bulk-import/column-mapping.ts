import { readFileSync } from 'node:fs';

/**
 * Maps export columns onto FeedbackSubmission paths. A mapping file is a JSON object of
 * `"target.path": "source"` where source is a column name (`"score"`), a column with a type
 * (`"score:int"`, `"value:number"`, `"flag:bool"`), or a constant (`"=survey"`). Without a mapping a
 * JSONL line is sent as it is. Values that do not convert are sent as they are, so the API rejects
 * them with the same field error an integration would get. A CSV whose header already uses the canonical
 * column names needs no mapping file (see canonical-columns.ts).
 */
export type ColumnMapping = Record<string, string>;

const TYPES = new Set(['int', 'number', 'bool', 'string']);

export function loadMapping(path: string | undefined): ColumnMapping | undefined {
  if (!path) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the mapping must be a JSON object');
  for (const [target, source] of Object.entries(parsed)) {
    if (typeof source !== 'string') throw new Error(`mapping for ${target} must be a string`);
    const type = source.startsWith('=') ? 'string' : (source.split(':')[1] ?? 'string');
    if (!TYPES.has(type)) throw new Error(`mapping for ${target}: unknown type "${type}"`);
  }
  return parsed as ColumnMapping;
}

function convert(raw: unknown, type: string): unknown {
  if (typeof raw !== 'string') return raw;
  if (type === 'int' || type === 'number') return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (type === 'bool') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
  // A CSV column may itself be named with dots (the canonical `scores.nps`); a JSONL record nests instead.
  if (Object.prototype.hasOwnProperty.call(source, path)) return source[path];
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}

/** Builds a submission from one record; empty cells are left out (an optional field not given). */
export function applyMapping(record: Record<string, unknown>, mapping: ColumnMapping | undefined): Record<string, unknown> {
  if (!mapping) return record;
  const out: Record<string, unknown> = {};
  for (const [target, source] of Object.entries(mapping)) {
    if (source.startsWith('=')) {
      setPath(out, target, source.slice(1));
      continue;
    }
    const [column, type = 'string'] = source.split(':');
    const raw = getPath(record, column);
    if (raw === undefined || raw === '') continue;
    setPath(out, target, convert(raw, type));
  }
  return out;
}
