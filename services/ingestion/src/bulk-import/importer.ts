import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { sendBatch } from './batch-sender';
import { Checkpoint } from './checkpoint';
import { applyMapping, ColumnMapping } from './column-mapping';
import { Progress } from './progress';
import { readRecords, SourceFormat } from './record-source';

export interface ImportOptions {
  file: string;
  format: SourceFormat;
  url: string;
  apiKey: string;
  mapping?: ColumnMapping;
  batchSize: number;
  /** Reject report: one JSON line per rejected record, with its source line and the reasons. */
  rejectsFile: string;
  /** Stop (as if interrupted) once at least this many lines are committed; for drills and tests. */
  stopAfterLine?: number;
}

export interface ImportSummary {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  resumedAfterLine: number;
  /** Lines a previous run had rejected, sent again by this one. */
  retried: number;
  /** True when the file changed since the checkpoint, so this run started over from line 1. */
  restarted: boolean;
  lastLine: number;
  stopped: boolean;
}

type Pending = { line: number; item: Record<string, unknown> };

/**
 * Streams an export into the batch endpoint, so historical items get exactly the validation,
 * de-duplication and redaction live ones get. Progress is checkpointed per answered batch; lines rejected
 * by an earlier run are sent again (see checkpoint.ts), so the rejects file is rewritten by every run and
 * always lists the lines still rejected.
 */
export async function runImport(o: ImportOptions): Promise<ImportSummary> {
  const checkpoint = Checkpoint.for(o.file);
  const start = checkpoint.read();
  const resumedAfterLine = start.committedLine;
  /** Earlier rejects not yet sent again; each leaves this set when the stream reaches its line. */
  const toRetry = new Set(start.rejectedLines);
  /** Rejects of this run: what the checkpoint records, together with the earlier ones still ahead. */
  const rejectedNow = new Set<number>();
  const progress = new Progress(statSync(o.file).size);
  const s: ImportSummary = {
    sent: 0, accepted: 0, duplicates: 0, rejected: 0, resumedAfterLine, retried: 0, restarted: start.restarted === true, lastLine: resumedAfterLine, stopped: false,
  };
  // Every line in the old report is either before the checkpoint and retried now, or after it and sent now.
  writeFileSync(o.rejectsFile, '');
  const reject = (line: number, externalId: unknown, errors: { field: string; messages: string[] }[]) => {
    s.rejected++;
    rejectedNow.add(line);
    appendFileSync(o.rejectsFile, `${JSON.stringify({ line, externalId: typeof externalId === 'string' ? externalId : undefined, errors })}\n`);
  };

  let batch: Pending[] = [];
  const flush = async (upToLine: number) => {
    if (batch.length > 0) {
      const results = await sendBatch(o.url, o.apiKey, batch.map((p) => p.item));
      results.forEach((r, i) => {
        if (r.status === 'accepted') s.accepted++;
        else if (r.status === 'duplicate') s.duplicates++;
        else reject(batch[i].line, batch[i].item.externalId, r.errors ?? []);
      });
      s.sent += batch.length;
      batch = [];
    }
    const committedLine = Math.max(upToLine, resumedAfterLine);
    checkpoint.write(committedLine, [...rejectedNow, ...[...toRetry].filter((line) => line > upToLine)]);
    s.lastLine = committedLine;
    progress.update(s);
  };

  let seen = resumedAfterLine;
  for await (const record of readRecords(o.file, o.format, (read) => (progress.bytes = read))) {
    const retry = toRetry.has(record.line);
    if (record.line <= resumedAfterLine && !retry) continue;
    if (retry) s.retried++;
    seen = Math.max(seen, record.line);
    if ('error' in record) reject(record.line, undefined, [{ field: '', messages: [record.error] }]);
    else batch.push({ line: record.line, item: applyMapping(record.value, o.mapping) });
    if (batch.length >= o.batchSize) {
      await flush(record.line);
      if (o.stopAfterLine !== undefined && record.line >= o.stopAfterLine) {
        s.stopped = true;
        return s;
      }
    }
  }
  await flush(seen);
  progress.update(s, true);
  return s;
}
