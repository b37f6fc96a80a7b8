import { spawnSync } from 'child_process';
import { resolve } from 'path';
import { ENGLISH_COMPLAINTS } from '../discovery/fixtures/english-complaints';

const REPO_ROOT = resolve(__dirname, '../../../..');
const CLI = resolve(__dirname, 'discover.ts');

function runDiscover(stdin: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', CLI, ...args], {
    cwd: REPO_ROOT,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
    timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('discover CLI (JSONL in, one candidate theme a line out)', () => {
  it('writes only candidate themes on stdout, best first, and names bad lines on stderr', () => {
    const lines = ENGLISH_COMPLAINTS.map(({ id, text, touchpoint }) => JSON.stringify({ id, text, touchpoint, occurredAt: '2026-11-20T10:00:00Z' }));
    lines.splice(1, 0, '{"id": "x", "text": ');
    lines.splice(5, 0, '{"id": "y"}');
    lines.splice(8, 0, '');
    const { status, stdout, stderr } = runDiscover(lines.join('\n') + '\n');
    expect(status).toBe(0);
    expect(stderr).toContain('line 2: not valid JSON');
    expect(stderr).toContain('line 6: "text" must be a string');
    const out = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(out).toHaveLength(3);
    for (const candidate of out) {
      expect(Object.keys(candidate)).toEqual(['label', 'terms', 'itemIds', 'size', 'touchpoints', 'examples']);
      expect((candidate.itemIds as string[]).length).toBe(candidate.size);
    }
    const refund = out.find((c) => (c.itemIds as string[]).includes('refund-0'))!;
    expect(refund).toMatchObject({ size: 12, touchpoints: ['support'] });
    expect(refund.label).toMatch(/refund/);
  });

  it('exits non-zero with a clear message when no line is valid, and writes nothing on stdout', () => {
    const { status, stdout, stderr } = runDiscover('not json\n{"text": "no id"}\n');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('line 1: not valid JSON');
    expect(stderr).toContain('line 2: "id" must be a string or a number');
    expect(stderr).toContain('no valid complaint in the input (2 bad lines)');
  });

  it('rejects a duplicate id, naming the line', () => {
    const { stderr } = runDiscover('{"id":"a","text":"late flight"}\n{"id":"a","text":"delayed flight"}\n');
    expect(stderr).toContain('line 2: duplicate "id" "a"');
  });
});
