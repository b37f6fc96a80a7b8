#!/usr/bin/env node
import { createReadStream } from 'fs';
import { createInterface } from 'readline';
import { discoverThemes } from '../discovery/discover-themes';
import type { Complaint } from '../discovery/types';
import { parseComplaintLine } from './parse-complaint';

/**
 * discover: complaints as JSONL ({"id","text","touchpoint"?,"occurredAt"?,"language"?} per line) from a file or
 * stdin; candidate themes on stdout, one JSON object per line, best first:
 * {"label","terms","itemIds","size","touchpoints","examples"}. The same code as root-cause's candidate themes.
 *   node -r @swc-node/register libs/text-analytics/src/cli/discover.ts [file|-] [--max n]
 * Bad lines are reported on stderr (with their line number) and skipped; exit 1 when no line was valid.
 */
function parseArgs(argv: string[]): { file?: string; max: number } {
  const options: { file?: string; max: number } = { max: 50 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--max') {
      const max = Number(argv[++i]);
      if (!Number.isInteger(max) || max < 1) throw new Error('--max must be a positive integer');
      options.max = max;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: discover [file|-] [--max n]   (JSONL complaints in, candidate themes out)\n');
      process.exit(0);
    } else options.file = arg;
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const input = !options.file || options.file === '-' ? process.stdin : createReadStream(options.file, 'utf8');
  const complaints: Complaint[] = [];
  const ids = new Set<string>();
  let lineNumber = 0;
  let rejected = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    try {
      const complaint = parseComplaintLine(line);
      if (!complaint) continue;
      if (ids.has(complaint.id)) throw new Error(`duplicate "id" ${JSON.stringify(complaint.id)}`);
      ids.add(complaint.id);
      complaints.push(complaint);
    } catch (error) {
      rejected++;
      process.stderr.write(`discover: line ${lineNumber}: ${(error as Error).message}; line skipped\n`);
    }
  }
  if (complaints.length === 0) {
    process.stderr.write(`discover: no valid complaint in the input (${rejected} bad line${rejected === 1 ? '' : 's'})\n`);
    return 1;
  }
  const candidates = discoverThemes(complaints, { maxCandidates: options.max });
  if (candidates.length > 0) process.stdout.write(candidates.map((c) => JSON.stringify(c)).join('\n') + '\n');
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`discover: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  });
