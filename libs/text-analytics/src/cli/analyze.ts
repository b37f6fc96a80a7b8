#!/usr/bin/env node
import { createReadStream } from 'fs';
import { createInterface } from 'readline';
import { loadAnalyzer } from '../analyzer/load-analyzer';
import type { Analyzer, AnalyzerInput, AnalyzerSpec, ThemeTaxonomy } from '../types';
import { parseInputLine, type InputFormat } from './parse-input';
import { readFileSync } from 'fs';

/**
 * analyze: JSONL ({"id","text","language"?,"scores"?} per line) or TSV (id<TAB>text[<TAB>language], or text only)
 * from a file or stdin, one JSON result per line on stdout. Same analyzer and batching as the service.
 *   node -r @swc-node/register libs/text-analytics/src/cli/analyze.ts [file|-] [--format jsonl|tsv]
 *        [--taxonomy taxonomy.json] [--analyzer-module path] [--batch 500]
 */
interface CliOptions {
  file?: string;
  format?: InputFormat;
  taxonomyPath?: string;
  analyzerModule?: string;
  batchSize: number;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { batchSize: 500 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format') options.format = argv[++i] as InputFormat;
    else if (arg === '--taxonomy') options.taxonomyPath = argv[++i];
    else if (arg === '--analyzer-module') options.analyzerModule = argv[++i];
    else if (arg === '--batch') options.batchSize = Math.max(1, Number(argv[++i]) || 500);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: analyze [file|-] [--format jsonl|tsv] [--taxonomy file.json] [--analyzer-module path] [--batch n]\n');
      process.exit(0);
    } else options.file = arg;
  }
  return options;
}

function writeBatch(analyzer: Analyzer, batch: AnalyzerInput[], taxonomy: ThemeTaxonomy | undefined): void {
  if (batch.length === 0) return;
  const lines = analyzer.analyze(batch, taxonomy).map((result) => JSON.stringify(result));
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const spec: AnalyzerSpec = options.analyzerModule ? { kind: 'module', path: options.analyzerModule } : { kind: 'default' };
  const analyzer = await loadAnalyzer(spec);
  const taxonomy = options.taxonomyPath ? (JSON.parse(readFileSync(options.taxonomyPath, 'utf8')) as ThemeTaxonomy) : undefined;
  const input = !options.file || options.file === '-' ? process.stdin : createReadStream(options.file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let batch: AnalyzerInput[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    try {
      const item = parseInputLine(line, lineNumber, options.format);
      if (item) batch.push(item);
    } catch (error) {
      process.stderr.write(`line ${lineNumber}: ${(error as Error).message}\n`);
    }
    if (batch.length >= options.batchSize) {
      writeBatch(analyzer, batch, taxonomy);
      batch = [];
    }
  }
  writeBatch(analyzer, batch, taxonomy);
}

main().catch((error: unknown) => {
  process.stderr.write(`analyze: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
