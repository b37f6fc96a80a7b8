import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportAbort } from '../bulk-import/batch-sender';
import { loadMapping } from '../bulk-import/column-mapping';
import { runImport } from '../bulk-import/importer';
import { SourceFormat } from '../bulk-import/record-source';

const USAGE = `usage: bulk-import --file <export.csv|export.jsonl> --url <ingestion base URL>
  [--format csv|jsonl]      default: from the file extension
  [--mapping <mapping.json>] {"externalId": "id", "occurredAt": "date", "survey.nps": "score:int", "channel": "=survey"}
  [--batch-size <1-1000>]   default 1000
  [--rejects <file>]        default <file>.rejects.jsonl
  [--stop-after <line>]     stop once this line is committed (interruption drill)
environment: LOOPS_API_KEY (the integration's key; kept out of argv so it never shows in ps)
Re-running the same command resumes after the last committed line (<file>.checkpoint).`;

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
    },
  });
  const apiKey = process.env.LOOPS_API_KEY;
  const format = (values.format ?? extname(values.file ?? '').slice(1).toLowerCase()) as SourceFormat;
  const batchSize = Number(values['batch-size']);
  if (!values.file || !values.url || !apiKey || !['csv', 'jsonl'].includes(format) || !(batchSize >= 1 && batchSize <= 1000)) {
    console.error(USAGE);
    return 2;
  }
  const summary = await runImport({
    file: values.file,
    format,
    url: values.url.replace(/\/$/, ''),
    apiKey,
    mapping: loadMapping(values.mapping),
    batchSize,
    rejectsFile: values.rejects ?? `${values.file}.rejects.jsonl`,
    stopAfterLine: values['stop-after'] ? Number(values['stop-after']) : undefined,
  });
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
