import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCsvMapping, readCsvHeader } from './canonical-columns';
import { Checkpoint, compress, expand } from './checkpoint';
import { applyMapping } from './column-mapping';

describe('canonical CSV columns', () => {
  it('maps a canonical header onto itself, converting scores to integers', () => {
    const found = defaultCsvMapping(['externalId', 'channel', 'occurredAt', 'survey.nps', 'survey.comment', 'customer.annualValue', 'attributes.plan']);
    expect(found).toEqual({
      mapping: {
        externalId: 'externalId',
        channel: 'channel',
        occurredAt: 'occurredAt',
        'survey.nps': 'survey.nps:int',
        'survey.comment': 'survey.comment',
        'customer.annualValue': 'customer.annualValue:number',
        'attributes.plan': 'attributes.plan',
      },
    });
    if (!('mapping' in found)) throw new Error('expected a mapping');
    const row = { externalId: 'r-1', channel: 'survey', occurredAt: '2026-11-20T08:30:00Z', 'survey.nps': '3', 'survey.comment': 'slow', 'customer.annualValue': '1200.5', 'attributes.plan': '' };
    expect(applyMapping(row, found.mapping)).toEqual({
      externalId: 'r-1',
      channel: 'survey',
      occurredAt: '2026-11-20T08:30:00Z',
      survey: { nps: 3, comment: 'slow' },
      customer: { annualValue: 1200.5 },
    });
  });

  it.each([
    [['response_id', 'answered_at', 'score'], 'unknown columns: response_id, answered_at, score; missing columns: externalId, channel, occurredAt'],
    [['externalId', 'channel', 'occurredAt', 'nps'], 'unknown columns: nps'],
    [['externalId', 'occurredAt', 'text'], 'missing columns: channel'],
    [['externalId', 'channel', 'occurredAt', 'attributes.'], 'unknown columns: attributes.'],
  ])('asks for --mapping when the header is %j', (header, problem) => {
    expect(defaultCsvMapping(header)).toEqual({
      problem: `the CSV header is not the canonical column names (${problem}); pass --mapping <mapping.json> (see --help)`,
    });
  });
});

describe('bulk import files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bulk-import-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the CSV header without its BOM, quotes undone', () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, '\uFEFFexternalId,"channel",occurredAt\r\nr-1,survey,2026-11-20T08:30:00Z\r\n');
    expect(readCsvHeader(file)).toEqual(['externalId', 'channel', 'occurredAt']);
  });

  it('keeps rejected lines out of the progress it records, so the next run sends them again', () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'x\n1\n2\n3\n');
    Checkpoint.for(file).write(4, [2, 3, 4]);
    expect(JSON.parse(readFileSync(`${file}.checkpoint`, 'utf8'))).toMatchObject({ committedLine: 4, rejected: [[2, 4]] });
    expect(Checkpoint.for(file).read()).toEqual({ committedLine: 4, rejectedLines: [2, 3, 4] });
  });

  it('starts over when the file changed since the checkpoint, even at the same size', () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'x\n1\n');
    Checkpoint.for(file).write(2, [2]);
    writeFileSync(file, 'x\n2\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(Checkpoint.for(file).read()).toEqual({ committedLine: 0, rejectedLines: [], restarted: true });
  });

  it('reads a checkpoint written before rejects were recorded', () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'x\n1\n');
    writeFileSync(`${file}.checkpoint`, JSON.stringify({ committedLine: 2, sourceSize: 4 }));
    expect(Checkpoint.for(file).read()).toEqual({ committedLine: 2, rejectedLines: [] });
  });
});

describe('reject ranges', () => {
  it.each([
    [[], []],
    [[5], [[5, 5]]],
    [[9, 3, 4, 5, 4], [[3, 5], [9, 9]]],
    [[1, 2, 3, 10, 11, 20], [[1, 3], [10, 11], [20, 20]]],
  ])('%j <-> %j', (lines, ranges) => {
    expect(compress(lines)).toEqual(ranges);
    expect(expand(ranges as [number, number][])).toEqual([...new Set(lines)].sort((a, b) => a - b));
  });
});
