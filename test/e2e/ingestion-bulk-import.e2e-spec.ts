import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKey } from '../support/api-keys';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { withStore } from '../support/store';

// The bulk import CLI against the running service: a CSV export streamed in batches, interrupted,
// resumed without duplicates, every bad line reported with its line number and reason.
const PORT = 24031;
const ROWS = 3000;
const CLI = join(REPO_ROOT, 'dist', 'services', 'ingestion', 'src', 'cli', 'bulk-import.js');

type Summary = {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  resumedAfterLine: number;
  retried: number;
  restarted: boolean;
  lastLine: number;
  stopped: boolean;
};

function runCli(args: string[], apiKey: string): Promise<{ code: number; summary: Summary; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, LOOPS_API_KEY: apiKey } }, (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
      const last = stdout.trim().split('\n').pop() ?? '{}';
      resolve({ code, summary: (last.startsWith('{') ? JSON.parse(last) : {}) as Summary, stdout, stderr });
    });
  });
}

describe('bulk import CLI', () => {
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  const dir = join(REPO_ROOT, 'test', 'output', 'bulk-import', tenant);
  let service: RunningService;
  let key: string;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    service = await startService('ingestion', PORT, { RATE_LIMIT_PER_SECOND: '1000' });
    key = createApiKey(tenant, 'legacy-survey').apiKey;
  });

  afterAll(async () => {
    if (service) await stopService(service);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a CSV, resumes after an interruption without duplicates, reports rejects by line', async () => {
    const csv = join(dir, 'export.csv');
    const lines = ['response_id,answered_at,score,comment,customer,segment'];
    const expectedRejects: number[] = [];
    for (let i = 0; i < ROWS; i++) {
      const line = i + 2; // the header is line 1
      if (i % 250 === 7) {
        lines.push(`r-${i},2026-11-20T08:30:00Z,eleven,"bad score",c-${i},smb`);
        expectedRejects.push(line);
      } else if (i % 400 === 9) {
        lines.push(`r-${i},not-a-date,5,"bad date",c-${i},smb`);
        expectedRejects.push(line);
      } else {
        lines.push(`r-${i},2026-11-20T08:30:00Z,${i % 11},"Komentar ${i}, mail me at u${i}@example.com",c-${i},smb`);
      }
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        externalId: 'response_id',
        channel: '=survey',
        occurredAt: 'answered_at',
        'survey.nps': 'score:int',
        'survey.comment': 'comment',
        'survey.surveyId': '=legacy-nps',
        'customer.id': 'customer',
        'customer.segment': 'segment',
      }),
    );
    const args = ['--file', csv, '--url', service.url, '--mapping', mapping, '--batch-size', '500'];
    const valid = ROWS - expectedRejects.length;

    const first = await runCli([...args, '--stop-after', '1200'], key);
    expect(first.code).toBe(3);
    expect(first.summary).toMatchObject({ stopped: true, lastLine: 1501, resumedAfterLine: 0 });

    // A crash after a batch was answered but before its checkpoint was written: rewind one batch.
    writeFileSync(`${csv}.checkpoint`, JSON.stringify({ ...JSON.parse(readFileSync(`${csv}.checkpoint`, 'utf8')), committedLine: 1001 }));
    writeFileSync(`${csv}.rejects.jsonl`, readFileSync(`${csv}.rejects.jsonl`, 'utf8').split('\n').filter((l) => l && JSON.parse(l).line <= 1001).map((l) => `${l}\n`).join(''));

    const second = await runCli(args, key);
    expect(second.code).toBe(0);
    expect(second.summary).toMatchObject({ stopped: false, resumedAfterLine: 1001, lastLine: ROWS + 1 });
    expect(second.summary.duplicates).toBe(500 - expectedRejects.filter((l) => l > 1001 && l <= 1501).length);
    expect(first.summary.accepted + second.summary.accepted).toBe(valid);
    expect(second.stderr).toMatch(/items\/s ETA/);

    await withStore(async (db) => {
      const rows = await db.query(
        `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids,
                count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
                count(*) FILTER (WHERE text LIKE '%@example.com%')::int AS unredacted
           FROM feedback WHERE tenant_id = $1`,
        [tenant],
      );
      expect(rows.rows[0]).toEqual({ n: valid, distinct_ids: valid, unpublished: 0, unredacted: 0 });
      const sample = await db.query("SELECT event->'scores' AS scores, event->'details' AS details FROM feedback WHERE tenant_id = $1 AND external_id = 'r-13'", [tenant]);
      expect(sample.rows).toEqual([{ scores: { nps: 2 }, details: { surveyId: 'legacy-nps' } }]);
    });

    const rejects = readFileSync(`${csv}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; externalId: string; errors: { field: string }[] });
    expect(rejects.map((r) => r.line).sort((a, b) => a - b)).toEqual(expectedRejects);
    const byLine = new Map(rejects.map((r) => [r.line, r]));
    expect(byLine.get(9)).toMatchObject({ externalId: 'r-7', errors: [{ field: 'survey.nps' }] });
    expect(byLine.get(11)).toMatchObject({ externalId: 'r-9', errors: [{ field: 'occurredAt' }] });
  });

  it('imports JSONL as sent, reporting unparseable lines', async () => {
    const file = join(dir, 'reviews.jsonl');
    const items = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ externalId: `rev-${i}`, channel: 'review', occurredAt: '2026-11-20T08:30:00Z', review: { rating: 1 + (i % 5), text: `Review ${i}` } }),
    );
    items[4] = '{"externalId": "rev-4", broken';
    writeFileSync(file, `${items.join('\n')}\n`);
    const run = await runCli(['--file', file, '--url', service.url], key);
    expect(run.code).toBe(0);
    expect(run.summary).toMatchObject({ accepted: 19, rejected: 1, duplicates: 0 });
    const rejects = readFileSync(`${file}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects).toEqual([{ line: 5, errors: [{ field: '', messages: ['line is not valid JSON'] }] }]);
  });

  it('prints --help with every option and an example', async () => {
    const help = await runCli(['--help'], '');
    expect(help.code).toBe(0);
    for (const option of ['--file', '--url', '--format', '--mapping', '--batch-size', '--rejects', '--stop-after', '--help', 'LOOPS_API_KEY', 'example:']) {
      expect(help.stdout).toContain(option);
    }
  });

  it('imports a CSV with canonical column names without --mapping, and asks for one otherwise', async () => {
    const file = join(dir, 'canonical.csv');
    writeFileSync(
      file,
      'externalId,channel,occurredAt,survey.csat,survey.comment,customer.id,touchpoint.journey\n' +
        'can-1,survey,2026-11-20T08:30:00Z,2,"Slow, and nobody called back",c-1,delivery\n' +
        'can-2,survey,2026-11-20T08:31:00Z,5,Great,c-2,delivery\n',
    );
    const run = await runCli(['--file', file, '--url', service.url], key);
    expect(run.code).toBe(0);
    expect(run.summary).toMatchObject({ accepted: 2, rejected: 0 });
    await withStore(async (db) => {
      const rows = await db.query("SELECT external_id, event->'scores' AS scores FROM feedback WHERE tenant_id = $1 AND external_id LIKE 'can-%' ORDER BY external_id", [tenant]);
      expect(rows.rows).toEqual([
        { external_id: 'can-1', scores: { csat: 2 } },
        { external_id: 'can-2', scores: { csat: 5 } },
      ]);
    });

    const other = join(dir, 'other.csv');
    writeFileSync(other, 'response_id,answered_at,score\nr-1,2026-11-20T08:30:00Z,3\n');
    const refused = await runCli(['--file', other, '--url', service.url], key);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('unknown columns: response_id, answered_at, score; missing columns: externalId, channel, occurredAt');
    expect(refused.stderr).toContain('--mapping');
  });

  it('sends the lines rejected before again on a re-run: after fixing the mapping, and after fixing the file', async () => {
    const file = join(dir, 'retry.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `ret-${i},2026-11-20T08:30:00Z,${i % 11},Comment ${i}`);
    writeFileSync(file, `id,at,score,comment\n${rows.join('\n')}\n`);
    const mapping = (scoreColumn: string) => {
      const path = join(dir, `retry-${scoreColumn}.json`);
      writeFileSync(path, JSON.stringify({ externalId: 'id', channel: '=survey', occurredAt: 'at', 'survey.nps': `${scoreColumn}:int`, 'survey.comment': 'comment' }));
      return path;
    };
    const base = ['--file', file, '--url', service.url, '--batch-size', '7'];

    // A wrong mapping: every line is rejected (the comment is not a score).
    const wrong = await runCli([...base, '--mapping', mapping('comment')], key);
    expect(wrong.summary).toMatchObject({ accepted: 0, rejected: 30, retried: 0 });

    // The same command with the mapping fixed sends every line again.
    const fixed = await runCli([...base, '--mapping', mapping('score')], key);
    expect(fixed.code).toBe(0);
    expect(fixed.summary).toMatchObject({ accepted: 30, rejected: 0, duplicates: 0, retried: 30, resumedAfterLine: 31, restarted: false });
    expect(readFileSync(`${file}.rejects.jsonl`, 'utf8')).toBe('');

    // Nothing left to retry: a third run sends nothing.
    const again = await runCli([...base, '--mapping', mapping('score')], key);
    expect(again.summary).toMatchObject({ sent: 0, retried: 0 });

    // A file with one bad row; fixing the row in the file and re-running imports it, the rest are duplicates.
    const bad = join(dir, 'retry-bad.csv');
    const badRows = rows.map((r) => r.replace('ret-', 'bad-'));
    badRows[12] = 'bad-12,2026-11-20T08:30:00Z,eleven,Comment 12';
    writeFileSync(bad, `id,at,score,comment\n${badRows.join('\n')}\n`);
    const badArgs = ['--file', bad, '--url', service.url, '--batch-size', '7', '--mapping', mapping('score')];
    const first = await runCli(badArgs, key);
    expect(first.summary).toMatchObject({ accepted: 29, rejected: 1 });
    const reject = JSON.parse(readFileSync(`${bad}.rejects.jsonl`, 'utf8')) as { line: number; externalId: string };
    expect(reject).toMatchObject({ line: 14, externalId: 'bad-12' });

    // Unchanged file, unchanged server: the rejected line is tried again and reported again, nothing else is sent.
    const unchanged = await runCli(badArgs, key);
    expect(unchanged.summary).toMatchObject({ sent: 1, retried: 1, rejected: 1, accepted: 0 });
    expect(readFileSync(`${bad}.rejects.jsonl`, 'utf8').trim().split('\n')).toHaveLength(1);

    badRows[12] = 'bad-12,2026-11-20T08:30:00Z,1,Comment 12';
    writeFileSync(bad, `id,at,score,comment\n${badRows.join('\n')}\n`);
    const repaired = await runCli(badArgs, key);
    expect(repaired.code).toBe(0);
    expect(repaired.summary).toMatchObject({ restarted: true, accepted: 1, duplicates: 29, rejected: 0 });
    expect(repaired.stderr).toContain('started over from line 1');

    await withStore(async (db) => {
      const counts = await db.query(
        `SELECT count(*) FILTER (WHERE external_id LIKE 'ret-%')::int AS retried, count(*) FILTER (WHERE external_id LIKE 'bad-%')::int AS repaired,
                count(*) FILTER (WHERE external_id = 'bad-12' AND (event->'scores'->>'nps')::int = 1)::int AS fixed_row
           FROM feedback WHERE tenant_id = $1`,
        [tenant],
      );
      expect(counts.rows[0]).toEqual({ retried: 30, repaired: 30, fixed_row: 1 });
    });
  });
});
