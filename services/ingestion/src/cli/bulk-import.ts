import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportAbort } from '../bulk-import/batch-sender';
import { CANONICAL_COLUMNS, defaultCsvMapping, readCsvHeader } from '../bulk-import/canonical-columns';
import { ColumnMapping, loadMapping } from '../bulk-import/column-mapping';
import { runImport } from '../bulk-import/importer';
import { SourceFormat } from '../bulk-import/record-source';

const USAGE = `Imports a historical export (CSV or JSONL) through the ingestion batch API, with the validation,
de-duplication and redaction live feedback gets.

usage: LOOPS_API_KEY=<key> bulk-import --file <export.csv|export.jsonl> --url <ingestion base URL> [options]

options:
  --file <path>              the export to import (required)
  --url <url>                the ingestion service, e.g. http://localhost:3000 (required)
  --format csv|jsonl         default: from the file extension
  --mapping <mapping.json>   how CSV columns (or JSONL fields) become FeedbackSubmission fields; optional for a
                             CSV whose header already uses the canonical names, and for JSONL sent as it is
  --batch-size <1-1000>      items per request, default 1000
  --rejects <path>           the reject report, one JSON line per rejected line, default <file>.rejects.jsonl
  --stop-after <line>        stop once this line is committed (an interruption drill), exit code 3
  --help                     this text

environment:
  LOOPS_API_KEY              the integration's API key (scope ingest); kept out of argv so it never shows in ps

mapping file: a JSON object of "target.path": "source", where source is a column ("comment"), a column with a
type ("score:int", "value:number", "flag:bool") or a constant ("=survey"). Empty cells are left out.
  {"externalId": "response_id", "channel": "=survey", "occurredAt": "answered_at",
   "survey.nps": "score:int", "survey.comment": "comment", "customer.id": "customer"}

canonical CSV columns (no --mapping needed): ${CANONICAL_COLUMNS.required.join(', ')} (required) and any of
  ${[...CANONICAL_COLUMNS.strings.filter((c) => !CANONICAL_COLUMNS.required.includes(c)), ...CANONICAL_COLUMNS.integers, ...CANONICAL_COLUMNS.numbers].join(', ')},
  ${CANONICAL_COLUMNS.freePrefixes.map((p) => `${p}<name>`).join(', ')}; scores and ratings are converted to integers.

example:
  LOOPS_API_KEY=lk_... bulk-import --file nps-2025.csv --url http://localhost:3000 --mapping nps-mapping.json

Re-running the same command resumes after the last answered batch (<file>.checkpoint) and sends the lines
rejected before once more, so fixing the key, the server or the mapping and re-running imports them. Changing
the file starts over from line 1; rows already imported come back as duplicates, never twice.
exit codes: 0 done, 1 failed, 2 usage, 3 stopped by --stop-after.`;

function mappingFor(file: string, format: SourceFormat, mappingPath: string | undefined): ColumnMapping | string | undefined {
  if (mappingPath || format !== 'csv') return loadMapping(mappingPath);
  const found = defaultCsvMapping(readCsvHeader(file));
  return 'mapping' in found ? found.mapping : found.problem;
}

/** Imports a historical export through the batch API: exit 0 done, 3 stopped early, 2 usage, 1 failed. */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string' },
      url: { type: 'string' },
      format: { type: 'string' },
      mapping: { type: 'string' },
      'batch-size': { type: 'string', default: '1000' },
      rejects: { type: 'string' },
      'stop-after': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const apiKey = process.env.LOOPS_API_KEY;
  const format = (values.format ?? extname(values.file ?? '').slice(1).toLowerCase()) as SourceFormat;
  const batchSize = Number(values['batch-size']);
  const problems = [
    !values.file && '--file is required',
    !values.url && '--url is required',
    !apiKey && 'LOOPS_API_KEY is not set',
    !['csv', 'jsonl'].includes(format) && `--format must be csv or jsonl (got "${format}")`,
    !(batchSize >= 1 && batchSize <= 1000) && '--batch-size must be 1-1000',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0 || !values.file || !values.url || !apiKey) {
    console.error(`${problems.join('\n')}\n\n${USAGE}`);
    return 2;
  }
  const mapping = mappingFor(values.file, format, values.mapping);
  if (typeof mapping === 'string') {
    console.error(mapping);
    return 2;
  }
  const summary = await runImport({
    file: values.file,
    format,
    url: values.url.replace(/\/$/, ''),
    apiKey,
    mapping,
    batchSize,
    rejectsFile: values.rejects ?? `${values.file}.rejects.jsonl`,
    stopAfterLine: values['stop-after'] ? Number(values['stop-after']) : undefined,
  });
  if (summary.restarted) console.error('the file changed since the last run: started over from line 1 (rows already imported count as duplicates)');
  console.log(JSON.stringify(summary));
  return summary.stopped ? 3 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof ImportAbort ? `import stopped: ${error.message}` : error.message);
    process.exit(1);
  },
);
