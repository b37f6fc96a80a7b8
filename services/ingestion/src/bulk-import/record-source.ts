import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type SourceFormat = 'csv' | 'jsonl';

/** One record of the export and the line it starts on (1-based, as an editor shows it). */
export type SourceRecord = { line: number; value: Record<string, unknown> } | { line: number; error: string };

/**
 * Streams records from a CSV (header row first) or JSONL file without loading it, so exports of
 * millions of rows import in constant memory. `onBytes` reports progress through the file.
 */
export async function* readRecords(path: string, format: SourceFormat, onBytes: (read: number) => void): AsyncGenerator<SourceRecord> {
  const stream = createReadStream(path);
  let read = 0;
  stream.on('data', (chunk) => onBytes((read += chunk.length)));
  if (format === 'jsonl') {
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      try {
        const value: unknown = JSON.parse(text);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) yield { line, error: 'line is not a JSON object' };
        else yield { line, value: value as Record<string, unknown> };
      } catch {
        yield { line, error: 'line is not valid JSON' };
      }
    }
    return;
  }
  // relax_column_count: a short or long row becomes a reject for its line, not the end of the import.
  const parser = stream.pipe(parse({ columns: true, bom: true, info: true, skip_empty_lines: true, relax_column_count: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { line: info.lines, value: record };
  }
}
